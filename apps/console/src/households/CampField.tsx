import TextField from '@mui/material/TextField';
import { useTranslation } from 'react-i18next';
import { allCamps } from '../auth/api';
import { useUser } from '../auth/session';

/** The camp: fixed when the user has one, a choice among theirs, free text for all-camps users. */
export function CampField({ id, value, onChange, error }: { id: string; value: string; onChange: (camp: string) => void; error?: string }) {
  const { t } = useTranslation();
  const user = useUser();
  if (allCamps(user)) {
    return <TextField id={id} label={t('household.camp')} value={value} onChange={(e) => onChange(e.target.value)} required error={!!error} helperText={error} slotProps={{ htmlInput: { dir: 'ltr' } }} />;
  }
  return (
    <TextField
      select
      id={id}
      label={t('household.camp')}
      value={value}
      onChange={(e) => onChange(e.target.value)}
      required
      disabled={user.camps.length === 1}
      error={!!error}
      helperText={error}
      slotProps={{ select: { native: true }, inputLabel: { shrink: true } }}
    >
      {user.camps.map((camp) => <option key={camp} value={camp}>{camp}</option>)}
    </TextField>
  );
}

export function defaultCamp(camps: readonly string[]): string {
  return camps.length >= 1 && camps[0] !== '*' ? (camps[0] ?? '') : '';
}
