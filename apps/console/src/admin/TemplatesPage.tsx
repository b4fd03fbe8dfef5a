// SMS templates: each language's text side by side, with a live preview as the family would read
// it (sample facts), its encoding, segments and cost. Saving overrides the default; "Default"
// removes the override.
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Grid from '@mui/material/Grid';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { notificationsApi, unwrap } from '../api/clients';
import type { Language, TemplatePreview, TemplateView } from '../api/types';
import { useFormat } from '../app/prefs';
import { EmptyState, ErrorAlert, Loading, PageHeader } from '../components/ui';
import { translateOr } from '../i18n/dynamic';
import { templateName } from '../i18n/template-name';
import { costAmount } from '../reports/report-view';
import { LOCALE_INFO, isLocale } from './templates-support';

function useDebounced<T>(value: T, ms: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return debounced;
}

function LanguageTemplate({ view }: { view: TemplateView }) {
  const { t } = useTranslation();
  const format = useFormat();
  const queryClient = useQueryClient();
  const [text, setText] = useState(view.override ?? view.defaultText);
  useEffect(() => setText(view.override ?? view.defaultText), [view.override, view.defaultText]);
  // Previews follow the typing after a pause: one request per pause, not per keystroke.
  const draft = useDebounced(text, 500);
  const preview = useQuery({
    queryKey: ['template-preview', view.template, view.language, draft],
    queryFn: () => unwrap<TemplatePreview>(notificationsApi.POST('/templates/preview', { body: { template: view.template, language: view.language, text: draft } as never })),
    retry: false,
    staleTime: Infinity,
  });
  const save = useMutation({
    mutationFn: () => unwrap(notificationsApi.PUT('/templates/{template}/{language}', { params: { path: { template: view.template, language: view.language } }, body: { text } as never })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['templates'] }),
  });
  const reset = useMutation({
    mutationFn: () => unwrap(notificationsApi.DELETE('/templates/{template}/{language}', { params: { path: { template: view.template, language: view.language } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['templates'] }),
  });
  const dir = isLocale(view.language) ? LOCALE_INFO[view.language].dir : 'ltr';
  const label = translateOr(t, `languages.${view.language}`, view.language);
  return (
    <Card variant="outlined" component="section" aria-label={label}>
      <CardContent>
        <Stack spacing={1.5}>
          <Typography component="h3" variant="subtitle1" sx={{ fontWeight: 700 }}>
            {label} {view.override ? <Typography component="span" color="text.secondary">({t('templates.customised')})</Typography> : null}
          </Typography>
          <TextField
            id={`template-${view.language}`}
            label={t('templates.text')}
            value={text}
            onChange={(e) => setText(e.target.value)}
            multiline
            minRows={3}
            slotProps={{ htmlInput: { dir, lang: view.language } }}
            helperText={t('templates.variables', { list: view.variables.map((v) => `{${v}}`).join(' ') })}
          />
          {preview.isError ? (
            <ErrorAlert error={preview.error} />
          ) : preview.data ? (
            <>
              <Typography variant="body2" color="text.secondary">{t('templates.preview')}</Typography>
              <Typography dir={dir} lang={view.language} sx={{ p: 1.5, bgcolor: 'grey.100', borderRadius: 1, whiteSpace: 'pre-wrap' }}>{preview.data.text}</Typography>
              <Typography variant="body2" role="status">
                {t('templates.facts', {
                  encoding: translateOr(t, `templates.encodings.${preview.data.encoding}`, preview.data.encoding),
                  characters: format.number(preview.data.characters),
                  segments: format.number(preview.data.segments),
                  // The server prices the text by the same list as sent messages (SMS_PRICE_*); the amount is
                  // isolated left to right so that its currency sign stays beside it in an Arabic line.
                  cost: `\u2066${format.number(costAmount(preview.data.cost.costMinor, preview.data.cost.currency), { style: 'currency', currency: preview.data.cost.currency })}\u2069`,
                })}
              </Typography>
            </>
          ) : (
            <Loading label={t('templates.previewing')} />
          )}
          {save.isError ? <ErrorAlert error={save.error} /> : null}
          {save.isSuccess && text === (view.override ?? view.defaultText) ? <Alert severity="success">{t('templates.saved')}</Alert> : null}
          <Stack direction="row" spacing={1}>
            <Button variant="contained" size="small" onClick={() => save.mutate()} disabled={save.isPending || text === (view.override ?? view.defaultText)}>{t('common.save')}</Button>
            {view.override ? <Button size="small" onClick={() => reset.mutate()} disabled={reset.isPending}>{t('templates.useDefault')}</Button> : null}
          </Stack>
        </Stack>
      </CardContent>
    </Card>
  );
}

export default function TemplatesPage() {
  const { t } = useTranslation();
  const list = useQuery({ queryKey: ['templates'], queryFn: () => unwrap<TemplateView[]>(notificationsApi.GET('/templates')) });
  const names = useMemo(() => [...new Set((list.data ?? []).map((v) => v.template))], [list.data]);
  const [template, setTemplate] = useState('');
  const chosen = template || names[0] || '';
  const views = (list.data ?? []).filter((v) => v.template === chosen);
  const order: Language[] = ['ar', 'ckb', 'kmr', 'en'];
  views.sort((a, b) => order.indexOf(a.language) - order.indexOf(b.language));
  return (
    <>
      <PageHeader title={t('templates.title')} subtitle={t('templates.subtitle')} />
      {list.isPending ? <Loading /> : list.isError ? <ErrorAlert error={list.error} /> : names.length === 0 ? <EmptyState>{t('templates.none')}</EmptyState> : (
        <Stack spacing={2}>
          <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2}>
            <TextField select id="template-name" label={t('templates.template')} value={chosen} onChange={(e) => setTemplate(e.target.value)} sx={{ minWidth: 260 }} fullWidth={false}>
              {names.map((n) => <MenuItem key={n} value={n}>{templateName(t, n)}</MenuItem>)}
            </TextField>
          </Stack>
          <Grid container spacing={2}>
            {views.map((view) => (
              <Grid key={`${view.template}-${view.language}`} size={{ xs: 12, md: 6 }}>
                <LanguageTemplate view={view} />
              </Grid>
            ))}
          </Grid>
        </Stack>
      )}
    </>
  );
}
