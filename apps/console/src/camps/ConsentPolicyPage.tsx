// Whose decision counts in a camp: every adult for themselves (the default), or the head of household
// for the household. Supervisors set it; registration re-decides the camp's households and says how
// many changed. A change is asked for again before it is made: it moves families in or out of the pool.
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import FormControlLabel from '@mui/material/FormControlLabel';
import Radio from '@mui/material/Radio';
import RadioGroup from '@mui/material/RadioGroup';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { registrationApi, unwrap } from '../api/clients';
import { useUser } from '../auth/session';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { ErrorAlert, Loading, PageHeader } from '../components/ui';
import { CampField, defaultCamp } from '../households/CampField';

type Policy = 'each_adult' | 'head_only';
const POLICIES: Policy[] = ['each_adult', 'head_only'];

export default function ConsentPolicyPage() {
  const { t } = useTranslation();
  const user = useUser();
  const queryClient = useQueryClient();
  const [campId, setCampId] = useState(defaultCamp(user.camps));
  const [chosen, setChosen] = useState<Policy | null>(null);
  const [asking, setAsking] = useState(false);
  const [changed, setChanged] = useState<{ policy: Policy; households: number } | null>(null);
  // A camp id that is not one is refused by registration (400), said by ErrorAlert in the user's language.
  const validCamp = campId.trim() !== '';
  const current = useQuery({
    queryKey: ['consent-policy', campId],
    enabled: validCamp,
    queryFn: () => unwrap<{ campId: string; policy: Policy }>(registrationApi.GET('/camps/{campId}/consent-policy', { params: { path: { campId } } })),
  });
  const save = useMutation({
    mutationFn: (policy: Policy) =>
      unwrap<{ campId: string; policy: Policy; households: number }>(
        registrationApi.PUT('/camps/{campId}/consent-policy', { params: { path: { campId } }, body: { policy } }),
      ),
    onSuccess: async (answer) => {
      setAsking(false);
      setChosen(null);
      setChanged({ policy: answer.policy, households: answer.households });
      await queryClient.invalidateQueries({ queryKey: ['consent-policy', campId] });
    },
  });
  const selected = chosen ?? current.data?.policy ?? null;
  const dirty = !!current.data && chosen !== null && chosen !== current.data.policy;

  return (
    <>
      <PageHeader title={t('campPolicy.title')} subtitle={t('campPolicy.subtitle')} />
      <Card component="section" aria-labelledby="policy-title">
        <CardContent>
          <Stack spacing={2} sx={{ maxWidth: 640 }}>
            <CampField
              id="policy-camp"
              value={campId}
              onChange={(camp) => {
                setCampId(camp);
                setChosen(null);
                setChanged(null);
              }}
            />
            {!validCamp ? null : current.isPending ? (
              <Loading />
            ) : current.error ? (
              <ErrorAlert error={current.error} onRetry={() => void current.refetch()} />
            ) : (
              <>
                <Typography id="policy-title" component="h2" variant="h6">{t('campPolicy.question')}</Typography>
                <RadioGroup name="policy" value={selected ?? ''} onChange={(e) => setChosen(e.target.value as Policy)}>
                  {POLICIES.map((policy) => (
                    <FormControlLabel
                      key={policy}
                      value={policy}
                      control={<Radio />}
                      label={
                        <span>
                          {t(`campPolicy.options.${policy}`)}
                          {current.data?.policy === policy ? ` — ${t('campPolicy.current')}` : ''}
                          <Typography component="span" variant="body2" color="text.secondary" sx={{ display: 'block' }}>{t(`care2.policy.${policy}`)}</Typography>
                        </span>
                      }
                    />
                  ))}
                </RadioGroup>
                {changed ? <Alert severity="success">{t('campPolicy.changed', { count: changed.households, rule: t(`campPolicy.options.${changed.policy}`) })}</Alert> : null}
                <div>
                  <Button variant="contained" disabled={!dirty} onClick={() => setAsking(true)}>{t('campPolicy.save')}</Button>
                </div>
              </>
            )}
          </Stack>
        </CardContent>
      </Card>
      <ConfirmDialog
        open={asking}
        title={t('campPolicy.confirmTitle')}
        confirmLabel={t('campPolicy.save')}
        busy={save.isPending}
        onConfirm={() => chosen && save.mutate(chosen)}
        onClose={() => {
          setAsking(false);
          save.reset();
        }}
      >
        <Stack spacing={1}>
          <span>{t('campPolicy.confirmText', { camp: campId, rule: chosen ? t(`campPolicy.options.${chosen}`) : '' })}</span>
          {save.error ? <ErrorAlert error={save.error} /> : null}
        </Stack>
      </ConfirmDialog>
    </>
  );
}
