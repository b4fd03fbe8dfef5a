// One member of the registration form. Native selects: they work the same with a keyboard, a
// screen reader and a tablet's touch keyboard.
import DeleteIcon from '@mui/icons-material/DeleteOutlined';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormGroup from '@mui/material/FormGroup';
import FormLabel from '@mui/material/FormLabel';
import Grid from '@mui/material/Grid';
import IconButton from '@mui/material/IconButton';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useTranslation } from 'react-i18next';
import type { DocumentType, NeedCode, Relationship, Sex, TravelMode } from '../api/types';
import { useFormat } from '../app/prefs';
import { DOCUMENT_TYPES, NEED_CODES, RELATIONSHIPS, TRAVEL_MODES, type MemberDraft } from './register-form';
import { DateField } from '../components/DateField';

export interface MemberFieldsProps {
  index: number;
  member: MemberDraft;
  onChange: (member: MemberDraft) => void;
  onRemove?: () => void;
  /** Problem text by the member's own field (`fullNameAr`, `documents.0.number`). */
  errorOf: (field: string) => string | undefined;
}

export function MemberFields({ index, member, onChange, onRemove, errorOf }: MemberFieldsProps) {
  const { t } = useTranslation();
  const format = useFormat();
  const id = (field: string) => `member-${index}-${field}`;
  const set = <K extends keyof MemberDraft>(field: K, value: MemberDraft[K]) => onChange({ ...member, [field]: value });
  const text = (field: 'fullNameAr' | 'fullNameLatin' | 'dateOfBirth' | 'estimatedAge') => ({
    id: id(field),
    name: field,
    value: member[field],
    onChange: (e: { target: { value: string } }) => set(field, e.target.value),
    error: !!errorOf(field),
    helperText: errorOf(field),
  });
  const toggleNeed = (code: NeedCode, on: boolean) => set('needs', on ? [...member.needs, code] : member.needs.filter((n) => n !== code));
  const heading = t('register.memberHeading', { n: format.number(index + 1) });

  return (
    <Paper variant="outlined" component="fieldset" sx={{ p: 2, m: 0, border: 1, borderColor: 'divider' }} aria-label={heading}>
      <Stack direction="row" sx={{ justifyContent: 'space-between', alignItems: 'center', mb: 1 }}>
        <Typography component="h2" variant="subtitle1" sx={{ fontWeight: 700 }}>
          {heading}
          {member.relationship === 'head' ? ` — ${t('relationship.head')}` : ''}
        </Typography>
        {onRemove ? (
          <IconButton onClick={onRemove} aria-label={t('register.removeMember', { n: format.number(index + 1) })}>
            <DeleteIcon />
          </IconButton>
        ) : null}
      </Stack>
      <Grid container spacing={2}>
        <Grid size={{ xs: 12, sm: 6 }}>
          <TextField {...text('fullNameAr')} label={t('member.fullNameAr')} required slotProps={{ htmlInput: { dir: 'rtl', lang: 'ar' } }} />
        </Grid>
        <Grid size={{ xs: 12, sm: 6 }}>
          <TextField {...text('fullNameLatin')} label={t('member.fullNameLatin')} slotProps={{ htmlInput: { dir: 'ltr', lang: 'en' } }} />
        </Grid>
        <Grid size={{ xs: 6, sm: 3 }}>
          <TextField
            select
            id={id('sex')}
            label={t('member.sex')}
            value={member.sex}
            onChange={(e) => set('sex', e.target.value as Sex | '')}
            required
            error={!!errorOf('sex')}
            helperText={errorOf('sex')}
            slotProps={{ select: { native: true }, inputLabel: { shrink: true } }}
          >
            <option value="">{t('common.choose')}</option>
            <option value="female">{t('sex.female')}</option>
            <option value="male">{t('sex.male')}</option>
          </TextField>
        </Grid>
        <Grid size={{ xs: 6, sm: 3 }}>
          <TextField
            select
            id={id('relationship')}
            label={t('member.relationship')}
            value={member.relationship}
            onChange={(e) => set('relationship', e.target.value as Relationship | '')}
            required
            error={!!errorOf('relationship')}
            helperText={errorOf('relationship')}
            slotProps={{ select: { native: true }, inputLabel: { shrink: true } }}
          >
            <option value="">{t('common.choose')}</option>
            {RELATIONSHIPS.map((r) => <option key={r} value={r}>{t(`relationship.${r}`)}</option>)}
          </TextField>
        </Grid>
        <Grid size={{ xs: 6, sm: 3 }}>
          <DateField {...text('dateOfBirth')} label={t('member.dateOfBirth')} />
        </Grid>
        <Grid size={{ xs: 6, sm: 3 }}>
          <TextField
            {...text('estimatedAge')}
            label={t('member.estimatedAge')}
            disabled={!!member.dateOfBirth}
            slotProps={{ htmlInput: { inputMode: 'numeric', dir: 'ltr', maxLength: 3 } }}
          />
        </Grid>
        <Grid size={12}>
          <FormLabel component="legend" id={id('needs-label')}>{t('member.needs')}</FormLabel>
          <FormGroup row aria-labelledby={id('needs-label')}>
            {NEED_CODES.map((code) => (
              <FormControlLabel
                key={code}
                control={<Checkbox size="small" checked={member.needs.includes(code)} onChange={(e) => toggleNeed(code, e.target.checked)} />}
                label={t(`needs.${code}`)}
              />
            ))}
          </FormGroup>
          <FormGroup row>
            <FormControlLabel
              control={<Checkbox size="small" checked={member.hasMedicalClearance} onChange={(e) => set('hasMedicalClearance', e.target.checked)} />}
              label={t('member.medicalClearance')}
            />
            <FormControlLabel
              control={<Checkbox size="small" checked={member.hasBestInterestsDetermination} onChange={(e) => set('hasBestInterestsDetermination', e.target.checked)} />}
              label={t('member.bid')}
            />
          </FormGroup>
        </Grid>
        {member.hasMedicalClearance ? (
          <Grid size={{ xs: 12, sm: 6 }}>
            <TextField
              select
              id={id('travelMode')}
              label={t('travelMode.label')}
              value={member.travelMode}
              onChange={(e) => set('travelMode', e.target.value as TravelMode | '')}
              error={!!errorOf('travelMode')}
              helperText={errorOf('travelMode') ?? t('travelMode.hint')}
              slotProps={{ select: { native: true }, inputLabel: { shrink: true } }}
            >
              <option value="">{t('travelMode.unstated')}</option>
              {TRAVEL_MODES.map((mode) => <option key={mode} value={mode}>{t(`travelMode.modes.${mode}`)}</option>)}
            </TextField>
          </Grid>
        ) : null}
        <Grid size={{ xs: 12, sm: 6 }}>
          <TextField
            select
            id={id('fitToTravel')}
            label={t('member.fitToTravel')}
            value={member.fitToTravel}
            onChange={(e) => set('fitToTravel', e.target.value as MemberDraft['fitToTravel'])}
            error={!!errorOf('fitToTravel')}
            helperText={errorOf('fitToTravel')}
            slotProps={{ select: { native: true }, inputLabel: { shrink: true } }}
          >
            <option value="">{t('member.fitness.unknown')}</option>
            <option value="fit">{t('member.fitness.fit')}</option>
            <option value="unfit">{t('member.fitness.unfit')}</option>
          </TextField>
        </Grid>
        <Grid size={12}>
          <Stack spacing={1}>
            {member.documents.map((document, d) => (
              <Stack key={d} direction={{ xs: 'column', sm: 'row' }} spacing={1} sx={{ alignItems: { sm: 'flex-start' } }}>
                <TextField
                  select
                  id={id(`document-${d}-type`)}
                  label={t('member.documentType')}
                  value={document.type}
                  onChange={(e) => set('documents', member.documents.map((x, i) => (i === d ? { ...x, type: e.target.value as DocumentType } : x)))}
                  slotProps={{ select: { native: true }, inputLabel: { shrink: true } }}
                  sx={{ maxWidth: { sm: 220 } }}
                >
                  {DOCUMENT_TYPES.map((type) => <option key={type} value={type}>{t(`documentType.${type}`)}</option>)}
                </TextField>
                <TextField
                  id={id(`document-${d}-number`)}
                  label={t('member.documentNumber')}
                  value={document.number}
                  onChange={(e) => set('documents', member.documents.map((x, i) => (i === d ? { ...x, number: e.target.value } : x)))}
                  error={!!errorOf(`documents.${d}.number`)}
                  helperText={errorOf(`documents.${d}.number`)}
                  slotProps={{ htmlInput: { dir: 'ltr' } }}
                />
                <Box>
                  <IconButton onClick={() => set('documents', member.documents.filter((_, i) => i !== d))} aria-label={t('member.removeDocument')}>
                    <DeleteIcon />
                  </IconButton>
                </Box>
              </Stack>
            ))}
            <Box>
              <Button size="small" onClick={() => set('documents', [...member.documents, { type: 'family_booklet', number: '' }])}>
                {t('member.addDocument')}
              </Button>
            </Box>
          </Stack>
        </Grid>
      </Grid>
    </Paper>
  );
}
