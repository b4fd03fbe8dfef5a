// The members and each adult's decision, with the action next to the person it concerns.
import AddIcon from '@mui/icons-material/PersonAddOutlined';
import DeleteIcon from '@mui/icons-material/DeleteOutlined';
import EditIcon from '@mui/icons-material/EditOutlined';
import Button from '@mui/material/Button';
import IconButton from '@mui/material/IconButton';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Chip from '@mui/material/Chip';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { HouseholdView, MemberView } from '../api/types';
import { useFormat } from '../app/prefs';
import { Code, PersonName } from '../components/ui';
const ConsentDialog = lazy(() => import('./ConsentDialog').then((m) => ({ default: m.ConsentDialog })));
const MemberDialog = lazy(() => import('./MemberDialog').then((m) => ({ default: m.MemberDialog })));
const RemoveMemberDialog = lazy(() => import('./MemberDialog').then((m) => ({ default: m.RemoveMemberDialog })));

export const ADULT_AGE = 18;

function decisionColour(decision: string | undefined): 'success' | 'error' | 'warning' | 'default' {
  return decision === 'consent' ? 'success' : decision === 'decline' ? 'error' : decision === 'withdraw' ? 'warning' : 'default';
}

export function MembersCard({ household }: { household: HouseholdView }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [dialog, setDialog] = useState<{ member: MemberView; withdraw: boolean } | null>(null);
  const [editing, setEditing] = useState<{ member?: MemberView } | null>(null);
  const [removing, setRemoving] = useState<MemberView | null>(null);
  const open = household.status !== 'closed' && household.status !== 'departed';

  return (
    <Card component="section" aria-labelledby="members-title">
      <CardContent>
        <Stack direction="row" spacing={1} sx={{ mb: 1, alignItems: 'center', justifyContent: 'space-between', flexWrap: 'wrap' }}>
          <Typography id="members-title" component="h2" variant="h6">
            {t('members.title', { n: format.number(household.members.length) })}
          </Typography>
          {open ? <Button variant="outlined" size="small" startIcon={<AddIcon />} onClick={() => setEditing({})}>{t('memberEdit.addOpen')}</Button> : null}
        </Stack>
        <TableContainer>
          <Table size="small" aria-labelledby="members-title">
            <TableHead>
              <TableRow>
                <TableCell>{t('members.name')}</TableCell>
                <TableCell>{t('members.relationship')}</TableCell>
                <TableCell>{t('members.age')}</TableCell>
                <TableCell>{t('member.needs')}</TableCell>
                <TableCell>{t('members.documents')}</TableCell>
                <TableCell>{t('members.decision')}</TableCell>
                {open ? <TableCell>{t('memberEdit.actions')}</TableCell> : null}
              </TableRow>
            </TableHead>
            <TableBody>
              {household.members.map((member) => {
                const adult = member.age >= ADULT_AGE;
                const decision = member.consent?.decision;
                return (
                  <TableRow key={member.id} data-member-id={member.id}>
                    <TableCell><PersonName ar={member.fullNameAr} latin={member.fullNameLatin} /></TableCell>
                    <TableCell>{t(`relationship.${member.relationship}`)} · {t(`sex.${member.sex}`)}</TableCell>
                    <TableCell>{format.number(member.age)}{member.dateOfBirth ? null : ` ${t('members.estimated')}`}</TableCell>
                    <TableCell>
                      {member.needs.length ? member.needs.map((n) => t(`needs.${n}`)).join(t('common.listSeparator')) : '—'}
                      {member.hasMedicalClearance ? (
                        <div>
                          <Chip
                            size="small"
                            variant="outlined"
                            color={member.travelMode ? 'default' : 'warning'}
                            label={member.travelMode ? t('travelMode.clearance', { mode: t(`travelMode.modes.${member.travelMode}`) }) : t('travelMode.clearanceNoMode')}
                            sx={{ mt: 0.5, height: 'auto', '& .MuiChip-label': { whiteSpace: 'normal', py: 0.25 } }}
                          />
                        </div>
                      ) : null}
                      {member.fitToTravel === false ? <div><Chip size="small" color="warning" variant="outlined" label={t('member.fitness.unfit')} sx={{ mt: 0.5 }} /></div> : null}
                    </TableCell>
                    <TableCell>
                      {member.documents.length
                        ? member.documents.map((d, i) => <div key={i}>{t(`documentType.${d.type}`)}: <Code>{d.number}</Code></div>)
                        : '—'}
                    </TableCell>
                    <TableCell>
                      {adult ? (
                        <Stack direction="row" spacing={1} sx={{ alignItems: 'center', flexWrap: 'wrap', rowGap: 1 }}>
                          <Chip
                            size="small"
                            color={decisionColour(decision)}
                            label={decision ? `${t(`consent.decisions.${decision}`)} · ${format.date(member.consent?.decidedOn ?? '')}` : t('consent.none')}
                          />
                          {open ? (
                            <>
                              <Button size="small" variant="outlined" onClick={() => setDialog({ member, withdraw: false })}>
                                {decision ? t('consent.change') : t('consent.record')}
                              </Button>
                              {decision === 'consent' ? (
                                <Button size="small" variant="outlined" color="error" onClick={() => setDialog({ member, withdraw: true })}>
                                  {t('consent.withdraw')}
                                </Button>
                              ) : null}
                            </>
                          ) : null}
                        </Stack>
                      ) : (
                        <Typography variant="body2" color="text.secondary">{household.childHeaded ? t('guardian.childRow') : t('members.child')}</Typography>
                      )}
                    </TableCell>
                    {open ? (
                      <TableCell sx={{ whiteSpace: 'nowrap' }}>
                        <IconButton size="small" onClick={() => setEditing({ member })} aria-label={t('memberEdit.editOne', { name: member.fullNameAr })}>
                          <EditIcon fontSize="small" />
                        </IconButton>
                        {member.relationship !== 'head' ? (
                          <IconButton size="small" onClick={() => setRemoving(member)} aria-label={t('memberEdit.removeOne', { name: member.fullNameAr })}>
                            <DeleteIcon fontSize="small" />
                          </IconButton>
                        ) : null}
                      </TableCell>
                    ) : null}
                  </TableRow>
                );
              })}
            </TableBody>
          </Table>
        </TableContainer>
      </CardContent>
      <Suspense fallback={null}>
        {editing ? <MemberDialog household={household} member={editing.member} onClose={() => setEditing(null)} /> : null}
        {removing ? <RemoveMemberDialog household={household} member={removing} onClose={() => setRemoving(null)} /> : null}
        {dialog ? <ConsentDialog householdId={household.id} campId={household.campId} member={dialog.member} withdraw={dialog.withdraw} onClose={() => setDialog(null)} /> : null}
      </Suspense>
    </Card>
  );
}
