// Adds a member to a registered household or changes one, with If-Match: the household version the
// case worker saw. If someone changed the household in between nothing is overwritten: the dialog
// says so and offers to reload. Adding carries an Idempotency-Key, so a retry adds the person once.
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Stack from '@mui/material/Stack';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { registrationApi, unwrap } from '../api/clients';
import { ApiError, fieldErrorMap } from '../api/errors';
import { SubmissionKey } from '../api/submission';
import type { HouseholdView, MemberView } from '../api/types';
import { PersonName, useErrorText } from '../components/ui';
import { isVersionConflict } from './EditHouseholdDialog';
import { MemberFields } from './MemberFields';
import { householdKeys } from './queries';
import { checkMember, emptyMember, memberBody, memberDraftOf, memberUpdateBody, type MemberDraft } from './register-form';

export function MemberDialog({ household, member, onClose }: { household: HouseholdView; member?: MemberView; onClose: () => void }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const queryClient = useQueryClient();
  const [before] = useState<MemberDraft>(() => (member ? memberDraftOf(member) : emptyMember()));
  const [draft, setDraft] = useState<MemberDraft>(before);
  const [problems, setProblems] = useState<Map<string, string>>(new Map());
  const submission = useRef(new SubmissionKey());
  const ifMatch = `"${household.version}"`;

  const save = useMutation({
    mutationFn: () =>
      unwrap<HouseholdView>(
        member
          ? registrationApi.PATCH('/households/{id}/members/{memberId}', {
              params: { path: { id: household.id, memberId: member.id }, header: { 'If-Match': ifMatch } },
              body: memberUpdateBody(draft, before),
            })
          : registrationApi.POST('/households/{id}/members', {
              params: { path: { id: household.id }, header: { 'If-Match': ifMatch, 'Idempotency-Key': submission.current.key() } },
              body: memberBody(draft),
            }),
      ),
    onSuccess: async (updated) => {
      submission.current.done();
      queryClient.setQueryData(householdKeys.one(household.id), updated);
      await queryClient.invalidateQueries({ queryKey: householdKeys.timeline(household.id) });
      onClose();
    },
    onError: (error) => {
      const byField = new Map<string, string>();
      if (error instanceof ApiError) for (const [field, messages] of fieldErrorMap(error, errorText)) byField.set(field, messages.join(' '));
      setProblems(byField);
    },
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (save.isPending) return;
    const found = checkMember(draft);
    if (found.size > 0) {
      setProblems(new Map([...found].map(([field, problem]) => [field, t(problem)])));
      return;
    }
    setProblems(new Map());
    save.mutate();
  };

  const conflict = isVersionConflict(save.error);
  const reload = async () => {
    await queryClient.invalidateQueries({ queryKey: householdKeys.one(household.id) });
    onClose();
  };
  const title = member ? t('memberEdit.editTitle') : t('memberEdit.addTitle');

  return (
    <Dialog open onClose={save.isPending ? undefined : onClose} aria-labelledby="member-title" fullWidth maxWidth="md">
      <DialogTitle id="member-title">
        {title}
        {member ? <>: <PersonName ar={member.fullNameAr} latin={member.fullNameLatin} /></> : null}
      </DialogTitle>
      <DialogContent>
        <Stack spacing={2} sx={{ pt: 1 }} component="form" id="member-form" noValidate onSubmit={submit}>
          {conflict ? (
            <Alert severity="warning" role="alert" action={<Button color="inherit" onClick={() => void reload()}>{t('edit.reload')}</Button>}>
              {t('edit.conflict')}
            </Alert>
          ) : save.isError && problems.size === 0 ? (
            <Alert severity="error" role="alert">{save.error instanceof ApiError && save.error.isNetwork ? t('memberEdit.noAnswer') : errorText(save.error)}</Alert>
          ) : problems.size > 0 ? (
            <Alert severity="warning" role="alert">{t('register.fixFields')}</Alert>
          ) : null}
          <MemberFields index={member ? household.members.findIndex((m) => m.id === member.id) : household.members.length} member={draft} onChange={setDraft} errorOf={(field) => problems.get(field)} />
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} disabled={save.isPending}>{t('common.cancel')}</Button>
        <Button type="submit" form="member-form" variant="contained" disabled={save.isPending || conflict}>{member ? t('common.save') : t('memberEdit.add')}</Button>
      </DialogActions>
    </Dialog>
  );
}

/** Removes a member who is not the head, after asking; a conflict says to reload. */
export function RemoveMemberDialog({ household, member, onClose }: { household: HouseholdView; member: MemberView; onClose: () => void }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const queryClient = useQueryClient();
  const remove = useMutation({
    mutationFn: () =>
      unwrap<HouseholdView>(
        registrationApi.DELETE('/households/{id}/members/{memberId}', {
          params: { path: { id: household.id, memberId: member.id }, header: { 'If-Match': `"${household.version}"` } },
        }),
      ),
    onSuccess: async (updated) => {
      queryClient.setQueryData(householdKeys.one(household.id), updated);
      await queryClient.invalidateQueries({ queryKey: householdKeys.timeline(household.id) });
      onClose();
    },
  });
  const conflict = isVersionConflict(remove.error);
  const reload = async () => {
    await queryClient.invalidateQueries({ queryKey: householdKeys.one(household.id) });
    onClose();
  };
  return (
    <Dialog open onClose={remove.isPending ? undefined : onClose} aria-labelledby="remove-member-title" fullWidth maxWidth="sm">
      <DialogTitle id="remove-member-title">
        {t('memberEdit.removeTitle')}: <PersonName ar={member.fullNameAr} latin={member.fullNameLatin} />
      </DialogTitle>
      <DialogContent>
        <Stack spacing={2}>
          {conflict ? (
            <Alert severity="warning" role="alert" action={<Button color="inherit" onClick={() => void reload()}>{t('edit.reload')}</Button>}>
              {t('edit.conflict')}
            </Alert>
          ) : remove.isError ? (
            <Alert severity="error" role="alert">{errorText(remove.error)}</Alert>
          ) : null}
          <Alert severity="info">{t('memberEdit.removeText')}</Alert>
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} disabled={remove.isPending} autoFocus>{t('common.cancel')}</Button>
        <Button onClick={() => remove.mutate()} color="error" variant="contained" disabled={remove.isPending || conflict}>{t('memberEdit.remove')}</Button>
      </DialogActions>
    </Dialog>
  );
}
