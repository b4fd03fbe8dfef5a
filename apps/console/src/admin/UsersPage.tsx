// People who use the console: create one with a role and camps, change them, disable, reset a
// password. A temporary password is shown once, to give to the person, and never again.
import AddIcon from '@mui/icons-material/PersonAdd';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import Chip from '@mui/material/Chip';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormGroup from '@mui/material/FormGroup';
import FormLabel from '@mui/material/FormLabel';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, fieldErrorMap } from '../api/errors';
import type { Role } from '../auth/api';
import { useUser } from '../auth/session';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { Code, EmptyState, ErrorAlert, Loading, PageHeader, useErrorText } from '../components/ui';
import { adminApi, parseCamps, ROLES, type AdminUser } from './api';

function UserDialog({ user, onClose, onCreated }: { user: AdminUser | null; onClose: () => void; onCreated: (password: string) => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [username, setUsername] = useState(user?.username ?? '');
  const [displayName, setDisplayName] = useState(user?.displayName ?? '');
  const [roles, setRoles] = useState<Role[]>(user?.roles ?? ['caseworker']);
  const [camps, setCamps] = useState((user?.camps ?? []).join(', '));
  const save = useMutation({
    mutationFn: async () => {
      if (user) {
        await adminApi.update(user.id, { displayName: displayName.trim(), roles, camps: parseCamps(camps) });
        return null;
      }
      return adminApi.create({ username: username.trim(), displayName: displayName.trim(), roles, camps: parseCamps(camps) });
    },
    onSuccess: async (created) => {
      await queryClient.invalidateQueries({ queryKey: ['admin-users'] });
      if (created) onCreated(created.temporaryPassword);
      onClose();
    },
  });
  const errorText = useErrorText();
  const fields = save.error instanceof ApiError ? fieldErrorMap(save.error, errorText) : new Map<string, string[]>();
  const fieldError = (f: string) => fields.get(f)?.join(' ');
  return (
    <Dialog open onClose={onClose} aria-labelledby="user-title" fullWidth maxWidth="sm">
      <DialogTitle id="user-title">{user ? t('users.edit') : t('users.create')}</DialogTitle>
      <DialogContent>
        <Stack spacing={2} sx={{ pt: 1 }} component="form" id="user-form" onSubmit={(e) => { e.preventDefault(); if (!save.isPending) save.mutate(); }}>
          {save.isError && fields.size === 0 ? <ErrorAlert error={save.error} /> : null}
          <TextField id="user-username" label={t('users.username')} value={username} onChange={(e) => setUsername(e.target.value)} disabled={!!user} required error={!!fieldError('username')} helperText={fieldError('username')} slotProps={{ htmlInput: { dir: 'ltr', autoCapitalize: 'none' } }} />
          <TextField id="user-displayName" label={t('users.displayName')} value={displayName} onChange={(e) => setDisplayName(e.target.value)} required error={!!fieldError('displayName')} helperText={fieldError('displayName')} />
          <div>
            <FormLabel id="user-roles">{t('users.roles')}</FormLabel>
            <FormGroup row aria-labelledby="user-roles">
              {ROLES.map((role) => (
                <FormControlLabel
                  key={role}
                  control={<Checkbox checked={roles.includes(role)} onChange={(e) => setRoles(e.target.checked ? [...roles, role] : roles.filter((r) => r !== role))} />}
                  label={t(`roles.${role}`)}
                />
              ))}
            </FormGroup>
            {fieldError('roles') ? <Typography color="error" variant="body2">{fieldError('roles')}</Typography> : null}
          </div>
          <TextField id="user-camps" label={t('users.camps')} value={camps} onChange={(e) => setCamps(e.target.value)} required error={!!fieldError('camps')} helperText={fieldError('camps') ?? t('users.campsHint')} slotProps={{ htmlInput: { dir: 'ltr' } }} />
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{t('common.cancel')}</Button>
        <Button type="submit" form="user-form" variant="contained" disabled={save.isPending || roles.length === 0}>{t('common.save')}</Button>
      </DialogActions>
    </Dialog>
  );
}

function TemporaryPasswordDialog({ password, onClose }: { password: string; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Dialog open onClose={onClose} aria-labelledby="temp-title">
      <DialogTitle id="temp-title">{t('users.temporaryTitle')}</DialogTitle>
      <DialogContent>
        <Alert severity="warning" sx={{ mb: 2 }}>{t('users.temporaryOnce')}</Alert>
        <Typography component="p" sx={{ fontSize: 22, fontFamily: 'ui-monospace, monospace', textAlign: 'center', p: 2, bgcolor: 'grey.100', borderRadius: 1, userSelect: 'all' }} data-testid="temporary-password">
          <bdi dir="ltr">{password}</bdi>
        </Typography>
      </DialogContent>
      <DialogActions>
        <Button variant="contained" onClick={onClose}>{t('users.temporaryDone')}</Button>
      </DialogActions>
    </Dialog>
  );
}

export default function UsersPage() {
  const { t } = useTranslation();
  const me = useUser();
  const queryClient = useQueryClient();
  const users = useQuery({ queryKey: ['admin-users'], queryFn: adminApi.users });
  const [editing, setEditing] = useState<AdminUser | 'new' | null>(null);
  const [temporary, setTemporary] = useState<string | null>(null);
  const [confirm, setConfirm] = useState<{ user: AdminUser; action: 'disable' | 'enable' | 'reset' } | null>(null);
  const act = useMutation({
    mutationFn: async ({ user, action }: { user: AdminUser; action: 'disable' | 'enable' | 'reset' }) => {
      if (action === 'reset') return (await adminApi.resetPassword(user.id)).temporaryPassword;
      await adminApi.update(user.id, { disabled: action === 'disable' });
      return null;
    },
    onSuccess: async (password) => {
      setConfirm(null);
      if (password) setTemporary(password);
      await queryClient.invalidateQueries({ queryKey: ['admin-users'] });
    },
  });

  return (
    <>
      <PageHeader title={t('users.title')} subtitle={t('users.subtitle')} actions={<Button variant="contained" startIcon={<AddIcon />} onClick={() => setEditing('new')}>{t('users.create')}</Button>} />
      {users.isPending ? <Loading /> : users.isError ? <ErrorAlert error={users.error} onRetry={() => void users.refetch()} /> : users.data.length === 0 ? <EmptyState>{t('users.none')}</EmptyState> : (
        <TableContainer component={Paper}>
          <Table size="small" aria-label={t('users.title')}>
            <TableHead>
              <TableRow>
                <TableCell>{t('users.displayName')}</TableCell>
                <TableCell>{t('users.username')}</TableCell>
                <TableCell>{t('users.roles')}</TableCell>
                <TableCell>{t('users.camps')}</TableCell>
                <TableCell>{t('users.state')}</TableCell>
                <TableCell />
              </TableRow>
            </TableHead>
            <TableBody>
              {users.data.map((u) => (
                <TableRow key={u.id}>
                  <TableCell><bdi>{u.displayName}</bdi></TableCell>
                  <TableCell><Code>{u.username}</Code></TableCell>
                  <TableCell>{u.roles.map((r) => t(`roles.${r}`)).join(t('common.listSeparator'))}</TableCell>
                  <TableCell><Code>{u.camps.includes('*') ? t('users.allCamps') : u.camps.join(', ')}</Code></TableCell>
                  <TableCell>{u.disabled ? <Chip size="small" color="warning" label={t('users.disabled')} /> : <Chip size="small" color="success" label={t('users.active')} />}</TableCell>
                  <TableCell>
                    <Stack direction="row" spacing={1}>
                      <Button size="small" onClick={() => setEditing(u)}>{t('users.edit')}</Button>
                      <Button size="small" onClick={() => setConfirm({ user: u, action: 'reset' })}>{t('users.reset')}</Button>
                      {u.id === me.id ? null : (
                        <Button size="small" color={u.disabled ? 'primary' : 'error'} onClick={() => setConfirm({ user: u, action: u.disabled ? 'enable' : 'disable' })}>
                          {u.disabled ? t('users.enable') : t('users.disable')}
                        </Button>
                      )}
                    </Stack>
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </TableContainer>
      )}
      {editing ? <UserDialog user={editing === 'new' ? null : editing} onClose={() => setEditing(null)} onCreated={setTemporary} /> : null}
      {temporary ? <TemporaryPasswordDialog password={temporary} onClose={() => setTemporary(null)} /> : null}
      <ConfirmDialog
        open={confirm !== null}
        title={confirm ? t(`users.confirm.${confirm.action}`, { name: confirm.user.displayName }) : ''}
        confirmLabel={confirm ? t(`users.${confirm.action}`) : ''}
        danger={confirm?.action === 'disable'}
        busy={act.isPending}
        onClose={() => setConfirm(null)}
        onConfirm={() => confirm && act.mutate(confirm)}
      >
        {act.isError ? <ErrorAlert error={act.error} /> : confirm ? t(`users.confirmText.${confirm.action}`) : null}
      </ConfirmDialog>
    </>
  );
}
