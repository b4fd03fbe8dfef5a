// The camp a list is narrowed to: every camp of the user ('') or one of them; a user of every camp types one.
import TextField from '@mui/material/TextField';
import { allCamps } from '../auth/api';
import { useUser } from '../auth/session';

export function CampFilter({ id, label, allLabel, value, onChange }: { id: string; label: string; allLabel: string; value: string; onChange: (camp: string) => void }) {
  const user = useUser();
  if (allCamps(user)) {
    return <TextField fullWidth id={id} size="small" label={label} placeholder={allLabel} value={value} onChange={(e) => onChange(e.target.value.trim())} slotProps={{ htmlInput: { dir: 'ltr' }, inputLabel: { shrink: true } }} />;
  }
  return (
    <TextField select fullWidth id={id} size="small" label={label} value={value} onChange={(e) => onChange(e.target.value)} slotProps={{ select: { native: true }, inputLabel: { shrink: true } }}>
      <option value="">{allLabel}</option>
      {user.camps.map((camp) => <option key={camp} value={camp}>{camp}</option>)}
    </TextField>
  );
}
