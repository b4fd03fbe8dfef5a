// How fast the notifications service can render and measure SMS, next to sms-segments-calculator
// measuring the same texts in the same run.
import { performance } from 'node:perf_hooks';
import { SegmentedMessage } from 'sms-segments-calculator';
// Relative, not the @awda alias: compiled benches run under plain node, which does not read tsconfig paths.
import {
  LANGUAGES,
  TEMPLATE_KEYS,
  analyse,
  formatDate,
  formatTime,
  renderMissing,
  renderTemplate,
} from '../libs/sms-text/src/index.js';
import { machine, ratioOf, writeReport } from './lib/report.js';

const ROUNDS = 200;

function messages(): string[] {
  const texts: string[] = [];
  for (const language of LANGUAGES) {
    const variables = {
      caseNumber: 'AWD-2025-004217',
      destination: language === 'en' || language === 'kmr' ? 'Deir ez-Zor' : 'دير الزور',
      assemblyPoint: 'Gate 3',
      date: formatDate('2025-06-12', language),
      time: formatTime('06:30', language),
      missing: renderMissing([{ code: 'consent_missing', params: { count: 2 } }], language),
      reason: renderMissing([{ code: 'area_closed' }], language),
    };
    for (const key of TEMPLATE_KEYS) texts.push(renderTemplate(key, language, variables).text);
  }
  return texts;
}

function perSecond(run: () => void, operations: number): number {
  run(); // warm-up
  const started = performance.now();
  for (let round = 0; round < ROUNDS; round += 1) run();
  return (operations * ROUNDS) / ((performance.now() - started) / 1000);
}

const texts = messages();
let sink = 0;
const ours = perSecond(() => {
  for (const text of texts) sink += analyse(text).segments;
}, texts.length);
const reference = perSecond(() => {
  for (const text of texts) sink += new SegmentedMessage(text).segmentsCount;
}, texts.length);
const scheduledVariables = (language: string): Record<string, string> => ({
  caseNumber: 'AWD-2025-004217',
  destination: 'Raqqa',
  assemblyPoint: 'Gate 3',
  date: formatDate('2025-06-12', language),
  time: formatTime('06:30', language),
});
const rendered = perSecond(() => {
  for (const language of LANGUAGES) {
    sink += renderTemplate('scheduled', language, scheduledVariables(language)).text.length;
  }
}, LANGUAGES.length);
// Raw baseline: the same dates and one regex replace over the Arabic text, no fallback or checks.
const naiveTemplate = renderTemplate('opted_in', 'ar', {}).text + ' {caseNumber} {destination} {date} {time}';
const naive = perSecond(() => {
  for (const language of LANGUAGES) {
    const variables = scheduledVariables(language);
    sink += naiveTemplate.replace(/\{(\w+)\}/g, (_all, name: string) => variables[name] ?? '').length;
  }
}, LANGUAGES.length);

writeReport({
  name: 'sms-text',
  startedAt: new Date().toISOString(),
  machine: machine(),
  figures: [
    {
      metric: `analyse (${texts.length} rendered templates, 4 languages)`,
      value: Math.round(ours),
      unit: 'messages/s',
      baseline: 'sms-segments-calculator SegmentedMessage',
      baselineValue: Math.round(reference),
      ratio: ratioOf(ours, reference),
    },
    {
      metric: 'formatDate + formatTime + renderTemplate (scheduled)',
      value: Math.round(rendered),
      unit: 'messages/s',
      baseline: 'same dates + one regex replace',
      baselineValue: Math.round(naive),
      ratio: ratioOf(rendered, naive),
      note: `checksum ${sink}`,
    },
  ],
});
