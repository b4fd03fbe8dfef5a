// Import a Kobo-style CSV or XLSX: first a dry run (nothing saved) with its report, then the real
// import. Upload progress, then the service's own progress while it reads the rows.
import UploadIcon from '@mui/icons-material/UploadFile';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import FormControlLabel from '@mui/material/FormControlLabel';
import LinearProgress from '@mui/material/LinearProgress';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { useQuery } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { registrationApi, unwrap } from '../api/clients';
import { randomKey } from '../api/submission';
import type { ImportView } from '../api/types';
import { useUser } from '../auth/session';
import { useFormat } from '../app/prefs';
import { ErrorAlert, PageHeader } from '../components/ui';
import { CampField, defaultCamp } from '../households/CampField';
import { formatOf, uploadWithProgress } from './upload';

export default function ImportPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const user = useUser();
  const [campId, setCampId] = useState(defaultCamp(user.camps));
  const [file, setFile] = useState<File | null>(null);
  const [dryRun, setDryRun] = useState(true);
  const [progress, setProgress] = useState<number | null>(null);
  const [uploadError, setUploadError] = useState<unknown>(null);
  const [importId, setImportId] = useState<string | null>(null);
  // One key per (file, camp, dry run) attempt: a retry after a lost answer is not imported twice.
  const key = useRef<{ signature: string; key: string } | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);

  const view = useQuery({
    queryKey: ['import', importId],
    queryFn: () => unwrap<ImportView>(registrationApi.GET('/imports/{id}', { params: { path: { id: importId ?? '' } } })),
    enabled: importId !== null,
    refetchInterval: (query) => (query.state.data && (query.state.data.status === 'completed' || query.state.data.status === 'failed') ? false : 1000),
  });

  const start = async (asDryRun: boolean) => {
    if (!file) return;
    const fileFormat = formatOf(file.name);
    if (!fileFormat) return setUploadError(new Error('format'));
    const signature = `${file.name}|${file.size}|${file.lastModified}|${campId}|${asDryRun}`;
    if (key.current?.signature !== signature) key.current = { signature, key: randomKey() };
    setUploadError(null);
    setImportId(null);
    setProgress(0);
    try {
      const query = new URLSearchParams({ campId, format: fileFormat, dryRun: String(asDryRun), fileName: file.name });
      const started = await uploadWithProgress<ImportView>(
        `/api/registration/imports?${query.toString()}`,
        file,
        { 'Content-Type': fileFormat === 'csv' ? 'text/csv' : 'application/octet-stream', 'Idempotency-Key': key.current.key },
        setProgress,
      );
      setImportId(started.id);
    } catch (error) {
      setUploadError(error);
      setProgress(null);
    }
  };

  const result = view.data;
  const finished = result?.status === 'completed' || result?.status === 'failed';
  const readFraction = result?.rowsTotal ? result.rowsRead / result.rowsTotal : null;

  return (
    <>
      <PageHeader title={t('imports.title')} subtitle={t('imports.subtitle')} />
      <Paper sx={{ p: 2, mb: 3 }}>
        <Stack spacing={2} sx={{ maxWidth: 560 }}>
          <CampField id="import-camp" value={campId} onChange={setCampId} />
          <Box>
            <input
              ref={fileInput}
              id="import-file"
              type="file"
              accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              onChange={(e) => setFile(e.target.files?.[0] ?? null)}
              style={{ display: 'none' }}
            />
            <Button variant="outlined" startIcon={<UploadIcon />} onClick={() => fileInput.current?.click()}>{t('imports.choose')}</Button>
            <Typography component="span" sx={{ marginInlineStart: 2 }}>{file ? <bdi>{file.name}</bdi> : t('imports.noFile')}</Typography>
          </Box>
          <FormControlLabel control={<Checkbox checked={dryRun} onChange={(e) => setDryRun(e.target.checked)} />} label={t('imports.dryRun')} />
          <Box>
            <Button variant="contained" disabled={!file || !campId || (progress !== null && !finished && !uploadError)} onClick={() => void start(dryRun)}>
              {dryRun ? t('imports.check') : t('imports.import')}
            </Button>
          </Box>
          {uploadError instanceof Error && uploadError.message === 'format' ? <Alert severity="error">{t('imports.badFormat')}</Alert> : uploadError ? <ErrorAlert error={uploadError} /> : null}
          {progress !== null && !uploadError ? (
            <Box>
              <Typography id="upload-progress-label">{progress < 1 ? t('imports.uploading') : t('imports.uploaded')}</Typography>
              <LinearProgress variant="determinate" value={Math.round(progress * 100)} aria-labelledby="upload-progress-label" />
            </Box>
          ) : null}
        </Stack>
      </Paper>
      {result ? (
        <Paper sx={{ p: 2 }} component="section" aria-labelledby="import-report">
          <Typography id="import-report" component="h2" variant="h6" sx={{ mb: 1 }}>
            {result.dryRun ? t('imports.reportDry') : t('imports.report')}
          </Typography>
          {!finished ? (
            <Box sx={{ mb: 2 }}>
              <Typography id="rows-progress-label">{t('imports.reading', { read: format.number(result.rowsRead), total: result.rowsTotal === null ? '…' : format.number(result.rowsTotal) })}</Typography>
              <LinearProgress variant={readFraction === null ? 'indeterminate' : 'determinate'} value={readFraction === null ? undefined : Math.round(readFraction * 100)} aria-labelledby="rows-progress-label" />
            </Box>
          ) : null}
          {result.status === 'failed' ? <Alert severity="error">{result.failure ?? t('errors.GENERIC')}</Alert> : null}
          <Stack direction="row" spacing={3} sx={{ flexWrap: 'wrap', mb: 2 }}>
            <Typography>{t('imports.created', { n: format.number(result.householdsCreated) })}</Typography>
            <Typography>{t('imports.updated', { n: format.number(result.householdsUpdated) })}</Typography>
            <Typography>{t('imports.unchanged', { n: format.number(result.householdsUnchanged) })}</Typography>
            <Typography color={result.rowsFailed ? 'error' : undefined}>{t('imports.failedRows', { n: format.number(result.rowsFailed) })}</Typography>
          </Stack>
          {result.errors.length > 0 ? (
            <Table size="small" aria-label={t('imports.errors')}>
              <TableHead>
                <TableRow>
                  <TableCell>{t('imports.row')}</TableCell>
                  <TableCell>{t('imports.field')}</TableCell>
                  <TableCell>{t('imports.problem')}</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {result.errors.slice(0, 200).map((e, i) => (
                  <TableRow key={i}>
                    <TableCell>{format.number(e.row)}</TableCell>
                    <TableCell><bdi dir="ltr">{e.field ?? '—'}</bdi></TableCell>
                    <TableCell><bdi>{e.message}</bdi></TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          ) : null}
          {finished && result.dryRun && result.status === 'completed' ? (
            <Stack direction="row" spacing={2} sx={{ mt: 2, alignItems: 'center' }}>
              <Button variant="contained" onClick={() => { setDryRun(false); void start(false); }}>{t('imports.importNow')}</Button>
              <Typography color="text.secondary">{t('imports.importNowHint')}</Typography>
            </Stack>
          ) : null}
        </Paper>
      ) : null}
    </>
  );
}
