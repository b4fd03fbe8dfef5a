// The family's convoy as transport booked it: when and where to be, and on which vehicles. Read by
// case workers (the ones a family asks), supervisors and logistics of the household's camp.
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
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/errors';
import type { HouseholdView } from '../api/types';
import { useFormat, usePrefs } from '../app/prefs';
import { Code, ErrorAlert, Loading } from '../components/ui';
import { translateOr } from '../i18n/dynamic';
import { withDigits } from '../i18n/format';
import { useSeat } from './queries';

/** Transport's answers that mean "nothing to show here", not a failure: no seat (409), not readable (403, 404). */
export function isNoSeat(error: unknown): boolean {
  return error instanceof ApiError && (error.status === 409 || error.status === 403 || error.status === 404);
}

export function SeatCard({ household }: { household: HouseholdView }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { digits } = usePrefs();
  const seat = useSeat(household.id, household.schedule !== null, `${household.schedule?.convoyId ?? ''}/${household.version}`);

  if (household.schedule === null || (seat.isError && isNoSeat(seat.error))) return null;
  const s = seat.data;
  const rows: [string, React.ReactNode][] = s
    ? [
        [t('seat.departure'), t('seat.departureAt', { date: format.date(s.departureDate), time: withDigits(s.departureTime, digits) })],
        [t('seat.assemblyPoint'), <bdi key="point">{s.assemblyPoint}</bdi>],
        [t('seat.convoyStatus'), <Chip key="status" size="small" label={translateOr(t, `seat.statuses.${s.convoyStatus}`, s.convoyStatus)} />],
        [
          t('seat.places'),
          [
            s.seatUnits > 0 ? t('seat.seats', { count: s.seatUnits, n: format.number(s.seatUnits) }) : null,
            s.ambulancePlaces > 0 ? t('seat.ambulance', { count: s.ambulancePlaces, n: format.number(s.ambulancePlaces) }) : null,
          ]
            .filter((x): x is string => x !== null)
            .join(t('common.listSeparator')) || '—',
        ],
      ]
    : [];

  return (
    <Card component="section" aria-labelledby="seat-title">
      <CardContent>
        <Typography id="seat-title" component="h2" variant="h6" sx={{ mb: 1 }}>{t('seat.title')}</Typography>
        {seat.isPending ? (
          <Loading />
        ) : seat.isError ? (
          <ErrorAlert error={seat.error} onRetry={() => void seat.refetch()} />
        ) : (
          <Stack spacing={2}>
            <Stack component="dl" spacing={1} sx={{ m: 0 }}>
              {rows.map(([label, value]) => (
                <Stack key={label} direction="row" spacing={2}>
                  <Typography component="dt" color="text.secondary" sx={{ minWidth: 130 }}>{label}</Typography>
                  <Typography component="dd" sx={{ m: 0 }}>{value}</Typography>
                </Stack>
              ))}
            </Stack>
            {s && s.vehicles.length > 0 ? (
              <TableContainer>
                <Table size="small" aria-label={t('seat.vehicles')}>
                  <TableHead>
                    <TableRow>
                      <TableCell>{t('seat.vehicles')}</TableCell>
                      <TableCell>{t('seat.places')}</TableCell>
                    </TableRow>
                  </TableHead>
                  <TableBody>
                    {s.vehicles.map((v, i) => (
                      <TableRow key={`${v.vehicleId}-${i}`}>
                        <TableCell>
                          {translateOr(t, `seat.vehicleTypes.${v.type}`, v.type)} <Code>{v.plate}</Code>
                        </TableCell>
                        <TableCell>{t(`seat.units.${v.kind}`, { n: format.number(v.units, { maximumFractionDigits: 3 }) })}</TableCell>
                      </TableRow>
                    ))}
                  </TableBody>
                </Table>
              </TableContainer>
            ) : null}
          </Stack>
        )}
      </CardContent>
    </Card>
  );
}
