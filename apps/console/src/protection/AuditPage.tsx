// Audit review (issue 19.4): who read or changed households' personal data, filtered by user, camp
// and dates, newest first, page after page; an administrator also sees unusual access (one user
// reading many households within a short time).
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Link from '@mui/material/Link';
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
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink } from 'react-router';
import { registrationApi, unwrap } from '../api/clients';
import { useFormat } from '../app/prefs';
import { hasRole } from '../auth/api';
import { useUser } from '../auth/session';
import { DateField } from '../components/DateField';
import { Code, EmptyState, ErrorAlert, Loading, PageHeader } from '../components/ui';
import { translateOr } from '../i18n/dynamic';
import { CampFilter } from './CampFilter';
import { auditQuery, type AuditFilters } from './protection';
import { useUserNames } from './user-names';

interface AuditEntry {
  id: string;
  at: string;
  actor: string;
  householdId: string | null;
  campId: string | null;
  endpoint: string;
  outcome: string;
}

interface AuditPageAnswer {
  items: AuditEntry[];
  nextBefore: string | null;
}

interface UnusualAccess {
  actor: string;
  windowStart: string;
  windowMinutes: number;
  households: number;
  reads: number;
  denied: number;
}

const UNUSUAL = { windowMinutes: 10, threshold: 30 };

/** Who acted: their username (the id on hover, for the filter), or the id when the gateway does not name them. */
function Actor({ id, names }: { id: string; names: ReadonlyMap<string, string> }) {
  const username = names.get(id);
  return username === undefined ? <Code>{id}</Code> : <bdi title={id}>{username}</bdi>;
}
const EMPTY: AuditFilters = { actor: '', campId: '', from: '', to: '' };

function UnusualAccessCard() {
  const { t } = useTranslation();
  const format = useFormat();
  const unusual = useQuery({
    queryKey: ['audit', 'unusual'],
    queryFn: () => unwrap<UnusualAccess[]>(registrationApi.GET('/audit/unusual-access', { params: { query: UNUSUAL } })),
  });
  const names = useUserNames(unusual.data?.map((row) => row.actor) ?? []);
  return (
    <Card component="section" aria-labelledby="unusual-title" sx={{ mb: 3 }}>
      <CardContent>
        <Typography id="unusual-title" component="h2" variant="h6">{t('protection.audit.unusual.title')}</Typography>
        <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
          {t('protection.audit.unusual.subtitle', { threshold: format.number(UNUSUAL.threshold), minutes: format.number(UNUSUAL.windowMinutes) })}
        </Typography>
        {unusual.isPending ? <Loading /> : unusual.isError ? <ErrorAlert error={unusual.error} onRetry={() => void unusual.refetch()} /> : unusual.data.length === 0 ? (
          <EmptyState>{t('protection.audit.unusual.none')}</EmptyState>
        ) : (
          <Table size="small" aria-label={t('protection.audit.unusual.table')}>
            <TableHead>
              <TableRow>
                <TableCell>{t('protection.audit.actor')}</TableCell>
                <TableCell>{t('protection.audit.unusual.window')}</TableCell>
                <TableCell align="right">{t('protection.audit.unusual.households')}</TableCell>
                <TableCell align="right">{t('protection.audit.unusual.reads')}</TableCell>
                <TableCell align="right">{t('protection.audit.unusual.denied')}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {unusual.data.map((row) => (
                <TableRow key={`${row.actor}-${row.windowStart}`}>
                  <TableCell><Actor id={row.actor} names={names} /></TableCell>
                  <TableCell>{format.dateTime(row.windowStart)}</TableCell>
                  <TableCell align="right">{format.number(row.households)}</TableCell>
                  <TableCell align="right">{format.number(row.reads)}</TableCell>
                  <TableCell align="right">{format.number(row.denied)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </CardContent>
    </Card>
  );
}

export default function AuditPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const user = useUser();
  // What is typed, and what was asked for (the list follows the "Show" button, not each key).
  const [draft, setDraft] = useState<AuditFilters>(EMPTY);
  const [filters, setFilters] = useState<AuditFilters>(EMPTY);
  const entries = useInfiniteQuery({
    queryKey: ['audit', filters],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) => unwrap<AuditPageAnswer>(registrationApi.GET('/audit', { params: { query: auditQuery(filters, pageParam) } })),
    getNextPageParam: (last) => last.nextBefore ?? undefined,
    gcTime: 60_000,
  });
  const rows = entries.data?.pages.flatMap((p) => p.items) ?? [];
  const names = useUserNames(rows.map((row) => row.actor));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setFilters({ ...draft });
  };
  return (
    <>
      <PageHeader title={t('protection.audit.title')} subtitle={t('protection.audit.subtitle')} />
      {hasRole(user, 'admin') ? <UnusualAccessCard /> : null}
      <Stack component="form" direction="row" spacing={2} useFlexGap sx={{ mb: 2, flexWrap: 'wrap', alignItems: 'flex-start' }} onSubmit={submit} aria-label={t('protection.audit.table')}>
        <Box sx={{ width: { xs: '100%', sm: 340 } }}>
          <TextField
            id="audit-actor"
            size="small"
            label={t('protection.audit.actor')}
            helperText={t('defects.audit.actorHint')}
            value={draft.actor}
            onChange={(e) => setDraft({ ...draft, actor: e.target.value })}
            fullWidth
            slotProps={{ htmlInput: { dir: 'ltr', maxLength: 200 } }}
          />
        </Box>
        <Box sx={{ width: { xs: '100%', sm: 200 } }}>
          <CampFilter id="audit-camp" label={t('protection.audit.camp')} allLabel={t('protection.audit.allCamps')} value={draft.campId} onChange={(campId) => setDraft({ ...draft, campId })} />
        </Box>
        <Box sx={{ width: { xs: '100%', sm: 200 } }}>
          <DateField id="audit-from" size="small" label={t('protection.audit.from')} value={draft.from} onChange={(e) => setDraft({ ...draft, from: e.target.value })} />
        </Box>
        <Box sx={{ width: { xs: '100%', sm: 200 } }}>
          <DateField id="audit-to" size="small" label={t('protection.audit.to')} value={draft.to} onChange={(e) => setDraft({ ...draft, to: e.target.value })} />
        </Box>
        <Button type="submit" variant="contained">{t('protection.audit.apply')}</Button>
      </Stack>
      {entries.isPending ? (
        <Loading />
      ) : entries.isError ? (
        <ErrorAlert error={entries.error} onRetry={() => void entries.refetch()} />
      ) : rows.length === 0 ? (
        <EmptyState>{t('protection.audit.none')}</EmptyState>
      ) : (
        <>
          <TableContainer component={Paper}>
            <Table size="small" aria-label={t('protection.audit.table')}>
              <TableHead>
                <TableRow>
                  <TableCell>{t('protection.audit.at')}</TableCell>
                  <TableCell>{t('protection.audit.actor')}</TableCell>
                  <TableCell>{t('protection.audit.household')}</TableCell>
                  <TableCell>{t('protection.audit.camp')}</TableCell>
                  <TableCell>{t('protection.audit.endpoint')}</TableCell>
                  <TableCell>{t('protection.audit.outcome')}</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {rows.map((row) => (
                  <TableRow key={row.id}>
                    <TableCell>{format.dateTime(row.at)}</TableCell>
                    <TableCell><Actor id={row.actor} names={names} /></TableCell>
                    <TableCell>
                      {row.householdId ? (
                        <Link component={RouterLink} to={`/households/${row.householdId}`}><Code>{row.householdId.slice(-12)}</Code></Link>
                      ) : '—'}
                    </TableCell>
                    <TableCell>{row.campId ? <Code>{row.campId}</Code> : '—'}</TableCell>
                    <TableCell><Code>{row.endpoint}</Code></TableCell>
                    <TableCell>{translateOr(t, `protection.audit.outcomes.${row.outcome}`, row.outcome)}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </TableContainer>
          {entries.hasNextPage ? (
            <Button sx={{ mt: 2 }} variant="outlined" onClick={() => void entries.fetchNextPage()} disabled={entries.isFetchingNextPage}>
              {t('protection.audit.more')}
            </Button>
          ) : null}
        </>
      )}
    </>
  );
}
