import Chip from '@mui/material/Chip';
import { useTranslation } from 'react-i18next';
import { translateOr } from '../i18n/dynamic';

const COLOURS: Record<string, 'default' | 'success' | 'warning' | 'error' | 'info' | 'primary'> = {
  registered: 'default',
  scheduled: 'primary',
  departed: 'success',
  withdrawn: 'warning',
  closed: 'default',
  eligible: 'success',
  pending: 'warning',
  ineligible: 'error',
};

/** A household's or an assessment's status, in words (colour is never the only sign). */
export function StatusChip({ status, kind }: { status: string; kind: 'household' | 'assessment' }) {
  const { t } = useTranslation();
  const label = translateOr(t, `status.${kind}.${status}`, status);
  return <Chip label={label} color={COLOURS[status] ?? 'default'} size="small" variant={kind === 'assessment' ? 'filled' : 'outlined'} />;
}
