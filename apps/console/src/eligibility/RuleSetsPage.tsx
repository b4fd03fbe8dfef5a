// Rule sets: read any version, edit a copy, validate it (each problem with where it is), save it as
// the next version, and activate one (every household is then assessed again).
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Grid from '@mui/material/Grid';
import List from '@mui/material/List';
import ListItemButton from '@mui/material/ListItemButton';
import ListItemText from '@mui/material/ListItemText';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { eligibilityApi, unwrap } from '../api/clients';
import type { RuleSetValidation, RuleSetView } from '../api/types';
import { useFormat } from '../app/prefs';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { EmptyState, ErrorAlert, Loading, PageHeader } from '../components/ui';

/** The document typed in the editor, or the JSON problem. */
export function parseDocument(text: string): { document: unknown } | { problem: string } {
  try {
    return { document: JSON.parse(text) as unknown };
  } catch (error) {
    return { problem: (error as Error).message };
  }
}

export default function RuleSetsPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const queryClient = useQueryClient();
  const list = useQuery({ queryKey: ['rule-sets'], queryFn: () => unwrap<RuleSetView[]>(eligibilityApi.GET('/rule-sets')) });
  const [version, setVersion] = useState<number | null>(null);
  const [text, setText] = useState('');
  const [validation, setValidation] = useState<RuleSetValidation | { valid: false; errors: { path: string; message: string }[] } | null>(null);
  const [activating, setActivating] = useState(false);
  const selected = list.data?.find((r) => r.version === version) ?? list.data?.find((r) => r.active) ?? list.data?.[0];

  useEffect(() => {
    if (selected) {
      setText(JSON.stringify(selected.document, null, 2));
      setValidation(null);
    }
  }, [selected]);

  const parsed = () => {
    const result = parseDocument(text);
    if ('problem' in result) {
      setValidation({ valid: false, errors: [{ path: '', message: t('ruleSets.notJson', { problem: result.problem }) }] });
      return undefined;
    }
    return result.document;
  };
  const validate = useMutation({
    mutationFn: (document: unknown) => unwrap<RuleSetValidation>(eligibilityApi.POST('/rule-sets/validate', { body: { document: document as Record<string, never> } })),
    onSuccess: setValidation,
  });
  const save = useMutation({
    mutationFn: (document: unknown) => unwrap<RuleSetView>(eligibilityApi.POST('/rule-sets', { body: { document: document as Record<string, never> } })),
    onSuccess: async (created) => {
      await queryClient.invalidateQueries({ queryKey: ['rule-sets'] });
      setVersion(created.version);
    },
  });
  const activate = useMutation({
    mutationFn: (v: number) => unwrap(eligibilityApi.POST('/rule-sets/{version}/activate', { params: { path: { version: v } } })),
    onSuccess: async () => {
      setActivating(false);
      await queryClient.invalidateQueries({ queryKey: ['rule-sets'] });
    },
  });

  return (
    <>
      <PageHeader title={t('ruleSets.title')} subtitle={t('ruleSets.subtitle')} />
      {list.isPending ? <Loading /> : list.isError ? <ErrorAlert error={list.error} /> : !selected ? <EmptyState>{t('ruleSets.none')}</EmptyState> : (
        <Grid container spacing={2}>
          <Grid size={{ xs: 12, md: 3 }}>
            <Paper>
              <List dense aria-label={t('ruleSets.versions')}>
                {list.data.map((r) => (
                  <ListItemButton key={r.version} selected={r.version === selected.version} onClick={() => setVersion(r.version)}>
                    <ListItemText
                      primary={<>{t('ruleSets.version', { n: format.number(r.version) })} {r.active ? <Chip size="small" color="success" label={t('ruleSets.active')} /> : null}</>}
                      secondary={<bdi>{r.name}</bdi>}
                    />
                  </ListItemButton>
                ))}
              </List>
            </Paper>
          </Grid>
          <Grid size={{ xs: 12, md: 9 }}>
            <Stack spacing={2}>
              <Typography>{t('ruleSets.created', { date: format.dateTime(selected.createdAt) })}{selected.activatedAt ? ` · ${t('ruleSets.activated', { date: format.dateTime(selected.activatedAt) })}` : ''}</Typography>
              <TextField
                id="rule-set-document"
                label={t('ruleSets.document')}
                value={text}
                onChange={(e) => { setText(e.target.value); setValidation(null); }}
                multiline
                minRows={14}
                maxRows={28}
                slotProps={{ htmlInput: { dir: 'ltr', spellCheck: false, style: { fontFamily: 'ui-monospace, monospace', fontSize: 13 } } }}
              />
              {validation ? (
                validation.valid ? (
                  <Alert severity="success">{t('ruleSets.valid')}</Alert>
                ) : (
                  <Alert severity="error" role="alert">
                    {t('ruleSets.invalid')}
                    <ul>{validation.errors.map((e, i) => <li key={i}><bdi dir="ltr">{e.path || '/'}</bdi>: <bdi>{e.message}</bdi></li>)}</ul>
                  </Alert>
                )
              ) : null}
              {validate.isError ? <ErrorAlert error={validate.error} /> : null}
              {save.isError ? <ErrorAlert error={save.error} /> : null}
              {activate.isError ? <ErrorAlert error={activate.error} /> : null}
              <Stack direction="row" spacing={1} sx={{ flexWrap: 'wrap' }}>
                <Button variant="outlined" onClick={() => { const d = parsed(); if (d !== undefined) validate.mutate(d); }} disabled={validate.isPending}>{t('ruleSets.validate')}</Button>
                <Button variant="outlined" onClick={() => { const d = parsed(); if (d !== undefined) save.mutate(d); }} disabled={save.isPending}>{t('ruleSets.saveNew')}</Button>
                {selected.active ? null : <Button variant="contained" onClick={() => setActivating(true)}>{t('ruleSets.activate')}</Button>}
              </Stack>
            </Stack>
          </Grid>
        </Grid>
      )}
      <ConfirmDialog
        open={activating && !!selected}
        title={t('ruleSets.activateTitle', { n: format.number(selected?.version ?? 0) })}
        confirmLabel={t('ruleSets.activate')}
        busy={activate.isPending}
        onClose={() => setActivating(false)}
        onConfirm={() => selected && activate.mutate(selected.version)}
      >
        {t('ruleSets.activateText')}
      </ConfirmDialog>
    </>
  );
}
