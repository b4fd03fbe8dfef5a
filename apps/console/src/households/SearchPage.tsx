// Find a household by name (Arabic or Latin, spelling variants match), case number or phone.
// The search runs when the person presses Enter or the button, never per keystroke, and the term
// never reaches the address bar.
import AddIcon from '@mui/icons-material/Add';
import SearchIcon from '@mui/icons-material/Search';
import Button from '@mui/material/Button';
import MenuItem from '@mui/material/MenuItem';
import Pagination from '@mui/material/Pagination';
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
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink, useNavigate } from 'react-router';
import { useFormat } from '../app/prefs';
import { Code, EmptyState, ErrorAlert, Loading, PageHeader, PersonName } from '../components/ui';
import { useHouseholdSearch } from './queries';
import { searchParams, type HouseholdSearch, type SearchKind } from './search';
import { StatusChip } from './StatusChip';

const KINDS: SearchKind[] = ['auto', 'name', 'caseNumber', 'phone'];

export default function SearchPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const navigate = useNavigate();
  const [term, setTerm] = useState('');
  const [kind, setKind] = useState<SearchKind>('auto');
  const [search, setSearch] = useState<HouseholdSearch | null>(null);
  const [page, setPage] = useState(1);
  const result = useHouseholdSearch(search, page);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setPage(1);
    setSearch(searchParams(term, kind));
  };

  return (
    <>
      <PageHeader
        title={t('search.title')}
        actions={<Button variant="contained" startIcon={<AddIcon />} component={RouterLink} to="/households/new">{t('nav.register')}</Button>}
      />
      <Paper component="form" role="search" onSubmit={submit} sx={{ p: 2, mb: 3 }} aria-label={t('search.title')}>
        <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2} sx={{ alignItems: { sm: 'flex-start' } }}>
          <TextField
            id="search-term"
            label={t('search.term')}
            helperText={t('search.hint')}
            value={term}
            onChange={(e) => setTerm(e.target.value)}
            autoFocus
            autoComplete="off"
            slotProps={{ htmlInput: { dir: 'auto' } }}
          />
          <TextField select id="search-kind" label={t('search.kind')} value={kind} onChange={(e) => setKind(e.target.value as SearchKind)} sx={{ minWidth: { xs: 170, sm: 240 } }} fullWidth={false}>
            {KINDS.map((k) => <MenuItem key={k} value={k}>{t(`search.kinds.${k}`)}</MenuItem>)}
          </TextField>
          <Button type="submit" variant="contained" startIcon={<SearchIcon />} sx={{ minHeight: 40 }}>{t('search.submit')}</Button>
        </Stack>
      </Paper>
      {search === null ? (
        <EmptyState>{t('search.prompt')}</EmptyState>
      ) : result.isPending ? (
        <Loading label={t('search.searching')} />
      ) : result.isError ? (
        <ErrorAlert error={result.error} onRetry={() => void result.refetch()} />
      ) : result.data.items.length === 0 ? (
        <EmptyState>{t('search.none')}</EmptyState>
      ) : (
        <>
          <Typography sx={{ mb: 1 }} role="status">{t('search.found', { count: result.data.total, n: format.number(result.data.total) })}</Typography>
          <TableContainer component={Paper}>
            <Table size="small" aria-label={t('search.results')}>
              <TableHead>
                <TableRow>
                  <TableCell>{t('household.caseNumber')}</TableCell>
                  <TableCell>{t('household.head')}</TableCell>
                  <TableCell>{t('household.members')}</TableCell>
                  <TableCell>{t('household.camp')}</TableCell>
                  <TableCell>{t('household.status')}</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {result.data.items.map((item) => (
                  <TableRow key={item.id} hover sx={{ cursor: 'pointer' }} onClick={() => navigate(`/households/${item.id}`)}>
                    <TableCell>
                      <RouterLink to={`/households/${item.id}`}><Code>{item.caseNumber}</Code></RouterLink>
                    </TableCell>
                    <TableCell><PersonName ar={item.headNameAr} latin={item.headNameLatin} /></TableCell>
                    <TableCell>{format.number(item.members)}</TableCell>
                    <TableCell><Code>{item.campId}</Code></TableCell>
                    <TableCell><StatusChip kind="household" status={item.status} /></TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </TableContainer>
          {result.data.total > result.data.pageSize ? (
            <Pagination
              sx={{ mt: 2 }}
              count={Math.ceil(result.data.total / result.data.pageSize)}
              page={page}
              onChange={(_, value) => setPage(value)}
              getItemAriaLabel={(type, p) => t(`search.pageLabel.${type}`, { n: format.number(p ?? 0) })}
            />
          ) : null}
        </>
      )}
    </>
  );
}
