// Boarding, first screen: today's convoys of the officer's camps (from transport), and the convoys
// whose manifest this tablet already holds (they open with no network).
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import CardActions from '@mui/material/CardActions';
import CardContent from '@mui/material/CardContent';
import Chip from '@mui/material/Chip';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink } from 'react-router';
import { transportApi, unwrap } from '../api/clients';
import { useFormat } from '../app/prefs';
import { useUser } from '../auth/session';
import { EmptyState, ErrorAlert, Loading, PageHeader } from '../components/ui';
import { translateOr } from '../i18n/dynamic';
import type { StoredConvoy } from './boarding-data';
import { storedConvoys } from './boarding-sync';
import { keepConsoleOnDevice } from './offline-shell';

interface ConvoyRow {
  id: string;
  departureDate: string;
  departureTime: string;
  assemblyPoint: string;
  status: string;
}

/** The tablet's own date: the officer stands in the camp. */
function today(): string {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
}

function ConvoyCard({ convoy }: { convoy: ConvoyRow }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <Card variant="outlined" component="li" sx={{ listStyle: 'none' }}>
      <CardContent>
        <Stack direction="row" spacing={1} sx={{ alignItems: 'center', justifyContent: 'space-between' }}>
          <Typography variant="h6" component="h3">
            <bdi>{convoy.assemblyPoint}</bdi>
          </Typography>
          <Chip label={translateOr(t, `boarding.statuses.${convoy.status}`, convoy.status)} />
        </Stack>
        <Typography color="text.secondary">
          {t('boarding.convoyLine', { date: format.date(convoy.departureDate), time: convoy.departureTime.slice(0, 5) })}
        </Typography>
      </CardContent>
      <CardActions>
        <Button component={RouterLink} to={`/boarding/${convoy.id}`} variant="contained" size="large" sx={{ minHeight: 56, px: 4 }}>
          {t('boarding.open')}
        </Button>
      </CardActions>
    </Card>
  );
}

export default function BoardingListPage() {
  useEffect(keepConsoleOnDevice, []);
  const { t } = useTranslation();
  const user = useUser();
  const date = today();
  const convoys = useQuery({
    queryKey: ['boarding', 'convoys', date],
    queryFn: () => unwrap<ConvoyRow[]>(transportApi.GET('/convoys', { params: { query: { date } } })),
    retry: false,
  });
  const [stored, setStored] = useState<StoredConvoy[]>([]);
  useEffect(() => {
    let live = true;
    storedConvoys(user.id)
      .then((list) => live && setStored(list))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [user.id]);
  const todays = convoys.data ?? [];
  const storedOnly = stored.filter((convoy) => !todays.some((row) => row.id === convoy.id));
  return (
    <>
      <PageHeader title={t('boarding.listTitle')} subtitle={t('boarding.privacy')} />
      {convoys.isPending ? <Loading /> : null}
      {convoys.error ? <ErrorAlert error={convoys.error} onRetry={() => void convoys.refetch()} /> : null}
      {convoys.data && todays.length === 0 ? <EmptyState>{t('boarding.listEmpty')}</EmptyState> : null}
      <Stack component="ul" spacing={2} sx={{ p: 0, m: 0 }}>
        {todays.map((convoy) => (
          <ConvoyCard key={convoy.id} convoy={convoy} />
        ))}
      </Stack>
      {storedOnly.length > 0 ? (
        <Box component="section" aria-labelledby="boarding-stored" sx={{ mt: 4 }}>
          <Typography id="boarding-stored" variant="h6" component="h2">
            {t('boarding.storedTitle')}
          </Typography>
          <Typography color="text.secondary" sx={{ mb: 2 }}>
            {t('boarding.storedHint')}
          </Typography>
          <Stack component="ul" spacing={2} sx={{ p: 0, m: 0 }}>
            {storedOnly.map((convoy) => (
              <ConvoyCard key={convoy.id} convoy={convoy} />
            ))}
          </Stack>
        </Box>
      ) : null}
    </>
  );
}
