// Reports for managers, supervisors and logistics: returns per week, camp and destination (with
// charts), families waiting and why, convoys and seat use, SMS per message and language, follow-up
// survey answers (a chart per question). Counts only;
// a count of 1–4 arrives as {suppressed: true} and reads "fewer than 5". Every table downloads as
// CSV and XLSX (links to the service's export, through the gateway).
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { useTheme } from '@mui/material/styles';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { reportingApi, unwrap } from '../api/clients';
import type { components } from '../api/generated/reporting';
import { useFormat } from '../app/prefs';
import { EmptyState, ErrorAlert, Loading, PageHeader } from '../components/ui';
import { translateOr } from '../i18n/dynamic';
import { templateName } from '../i18n/template-name';
import { BarChart, type ChartBar } from './BarChart';
import { areaName, barsOf, costAmount, isCountColumn, isSuppressed, shownColumns, tableKey, type Cell, type ReportTable, type ReportTableName } from './report-view';

type Report = components['schemas']['ReportDto'];
type Row = ReportTable['rows'][number];

const SECTIONS: { key: 'returns' | 'waiting' | 'convoys' | 'sms' | 'survey'; tables: ReportTableName[] }[] = [
  { key: 'returns', tables: ['returns-by-week', 'returns-by-area', 'returns-by-camp'] },
  { key: 'waiting', tables: ['waiting-by-status', 'waiting-reasons'] },
  { key: 'convoys', tables: ['seats-by-week', 'convoys'] },
  { key: 'sms', tables: ['sms'] },
  { key: 'survey', tables: ['survey-answers', 'survey-answers-by-area'] },
];

/** A table's title: the reports' own words, else the survey's. */
function tableTitle(t: TFunction, name: ReportTableName): string {
  return translateOr(t, `reports.tables.${tableKey(name)}`, translateOr(t, `survey.reports.tables.${tableKey(name)}`, name));
}

function useCellText() {
  const { t } = useTranslation();
  const format = useFormat();
  const rtl = useTheme().direction === 'rtl';
  return (column: string, row: Row): ReactNode => {
    if (column === 'area') {
      const code = row['areaCode'];
      if (typeof code !== 'string') return t('reports.unknownArea');
      return <bdi>{areaName(row, rtl) ?? code}</bdi>;
    }
    const cell: Cell | undefined = row[column];
    if (isSuppressed(cell)) return t('reports.fewerThan5');
    if (cell === null || cell === undefined || cell === '') return '—';
    const currency = row['currency'];
    // Left to right: inside a right-to-left line a symbol such as "US$" would break apart ("$US").
    if (column === 'cost' && typeof cell === 'number' && typeof currency === 'string') {
      return <bdi dir="ltr">{format.number(costAmount(cell, currency), { style: 'currency', currency })}</bdi>;
    }
    if (typeof cell === 'number') return format.number(cell);
    if (typeof cell !== 'string') return '—';
    switch (column) {
      case 'week': {
        const [year = '', week = ''] = cell.split('-W');
        return t('reports.week', { week: format.number(Number(week)), year: format.number(Number(year), { useGrouping: false }) });
      }
      case 'departureDate':
        return format.date(cell);
      case 'status':
        return translateOr(t, `reports.statuses.${cell}`, cell);
      case 'outcome':
        return translateOr(t, `reports.outcomes.${cell}`, cell);
      case 'reason':
        return translateOr(t, `reports.reasons.${cell}`, cell);
      case 'state':
        return translateOr(t, `reports.states.${cell}`, cell);
      case 'language':
        return translateOr(t, `reports.languages.${cell}`, cell);
      case 'template':
        return templateName(t, cell);
      case 'question':
        return translateOr(t, `survey.questions.${cell}`, cell);
      case 'answerCode':
        return translateOr(t, `survey.answerWords.${String(row['question'])}.${cell}`, cell);
      case 'convoyId':
        // The end of the id tells convoys apart on this page (a v7 id starts with its time); exports carry it whole.
        return <bdi dir="ltr" style={{ whiteSpace: 'nowrap' }}>{cell.slice(-8)}</bdi>;
      default:
        return <bdi>{cell}</bdi>;
    }
  };
}

function Downloads({ table }: { table: ReportTable }) {
  const { t } = useTranslation();
  const title = tableTitle(t, table.name);
  return (
    <Stack direction="row" spacing={1} sx={{ flexWrap: 'wrap' }}>
      {(['csv', 'xlsx'] as const).map((format) => (
        <Button
          key={format}
          size="small"
          variant="outlined"
          component="a"
          href={`/api/reporting/reports/${table.name}/export?format=${format}`}
          download={`${table.name}.${format}`}
          aria-label={t('reports.downloadLabel', { format: t(`reports.${format}`), table: title })}
        >
          {t(`reports.${format}`)}
        </Button>
      ))}
    </Stack>
  );
}

function ReportTableView({ table }: { table: ReportTable }) {
  const { t } = useTranslation();
  const cellText = useCellText();
  const title = tableTitle(t, table.name);
  const columns = shownColumns(table);
  const headingId = `report-${table.name}`;
  return (
    <Box component="section" aria-labelledby={headingId} sx={{ mb: 3 }}>
      <Stack direction={{ xs: 'column', sm: 'row' }} spacing={1} sx={{ mb: 1, alignItems: { sm: 'center' }, justifyContent: 'space-between' }}>
        <Typography id={headingId} variant="h6" component="h3">{title}</Typography>
        <Downloads table={table} />
      </Stack>
      {table.rows.length === 0 ? (
        <EmptyState>{t('reports.empty')}</EmptyState>
      ) : (
        <TableContainer component={Paper}>
          <Table size="small" aria-labelledby={headingId} data-table={table.name}>
            <TableHead>
              <TableRow>
                {columns.map((column) => (
                  <TableCell key={column} align={isCountColumn(table, column) ? 'right' : 'left'}>
                    {translateOr(t, `reports.columns.${column}`, translateOr(t, `survey.reports.columns.${column}`, translateOr(t, `logisticsEdit.reportColumns.${column}`, column)))}
                  </TableCell>
                ))}
              </TableRow>
            </TableHead>
            <TableBody>
              {table.rows.map((row, index) => (
                <TableRow key={index}>
                  {columns.map((column) => (
                    <TableCell key={column} align={isCountColumn(table, column) ? 'right' : 'left'} sx={isSuppressed(row[column]) ? { color: 'text.secondary', fontStyle: 'italic' } : undefined}>
                      {cellText(column, row)}
                    </TableCell>
                  ))}
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </TableContainer>
      )}
      {table.name === 'sms' ? <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }}>{t('logisticsEdit.costNote')}</Typography> : null}
    </Box>
  );
}

function ReturnsCharts({ tables }: { tables: Map<ReportTableName, ReportTable> }) {
  const { t } = useTranslation();
  const cellText = useCellText();
  const charts: { name: ReportTableName; label: string }[] = [
    { name: 'returns-by-week', label: 'week' },
    { name: 'returns-by-area', label: 'area' },
  ];
  return (
    <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', md: '1fr 1fr' }, gap: 3, mb: 2 }}>
      {charts.map(({ name, label }) => {
        const table = tables.get(name);
        if (!table || table.rows.length === 0) return null;
        const title = t(`reports.tables.${tableKey(name)}` as 'reports.title');
        const bars: ChartBar[] = barsOf(table, 'families').map((bar, index) => ({
          key: String(index),
          label: cellText(label, bar.row),
          value: bar.value,
          valueText: String(cellText('families', bar.row)),
        }));
        return <BarChart key={name} title={title} bars={bars} ariaLabel={t('reports.chartLabel', { title })} />;
      })}
    </Box>
  );
}

/** One chart per survey question: families per answer (a suppressed count drawn as "fewer than 5"). */
function SurveyCharts({ tables }: { tables: Map<ReportTableName, ReportTable> }) {
  const { t } = useTranslation();
  const cellText = useCellText();
  const table = tables.get('survey-answers');
  if (!table || table.rows.length === 0) return null;
  const questions = [...new Set(table.rows.map((row) => String(row['question'])))];
  return (
    <>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>{t('survey.reports.note')}</Typography>
      <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', md: '1fr 1fr 1fr' }, gap: 3, mb: 2 }}>
        {questions.map((question) => {
          const title = translateOr(t, `survey.questions.${question}`, question);
          const bars: ChartBar[] = barsOf(table, 'families')
            .filter((bar) => bar.row['question'] === question)
            .map((bar, index) => ({ key: String(index), label: cellText('answerCode', bar.row), value: bar.value, valueText: String(cellText('families', bar.row)) }));
          return <BarChart key={question} title={title} bars={bars} ariaLabel={t('reports.chartLabel', { title })} />;
        })}
      </Box>
    </>
  );
}

export default function ReportsPage() {
  const { t } = useTranslation();
  const report = useQuery({
    queryKey: ['reports'],
    queryFn: () => unwrap<Report>(reportingApi.GET('/reports', {})),
  });
  const tables = new Map((report.data?.tables ?? []).map((table) => [table.name, table]));
  return (
    <>
      <PageHeader title={t('reports.title')} subtitle={t('reports.subtitle')} />
      {report.isPending ? <Loading /> : report.isError ? <ErrorAlert error={report.error} onRetry={() => void report.refetch()} /> : (
        <>
          <Typography variant="body2" color="text.secondary" sx={{ mb: 3 }}>{t('reports.suppressedNote')}</Typography>
          {SECTIONS.map((section) => (
            <Box component="section" key={section.key} aria-labelledby={`reports-${section.key}`} sx={{ mb: 4 }}>
              <Typography id={`reports-${section.key}`} variant="h5" component="h2" sx={{ mb: 2, fontWeight: 600 }}>
                {section.key === 'survey' ? t('survey.reports.section') : t(`reports.sections.${section.key}`)}
              </Typography>
              {section.key === 'returns' ? <ReturnsCharts tables={tables} /> : null}
              {section.key === 'survey' ? <SurveyCharts tables={tables} /> : null}
              {section.tables.map((name) => {
                const table = tables.get(name);
                return table ? <ReportTableView key={name} table={table} /> : null;
              })}
            </Box>
          ))}
        </>
      )}
    </>
  );
}
