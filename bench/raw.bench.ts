// npm run bench -- raw : the machine's raw limits (plain pg and NATS clients), for reference.
import { machine, writeReport, type BenchFigure } from './lib/report.js';
import { measureJetStream, measurePg, measurePullConsumeForms } from './lib/raw-baselines.js';

const databaseUrl = process.env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const natsUrl = process.env['NATS_URL'] ?? 'nats://127.0.0.1:4222';

const pgFigures = await measurePg(databaseUrl);
const js = await measureJetStream(natsUrl);
const forms = await measurePullConsumeForms(natsUrl);
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
const iteratorRate = median(forms.iteratorPerSec);
const callbackRate = median(forms.callbackPerSec);
const passes = (values: number[]) => values.map((value) => Math.round(value)).join(', ');
const figures: BenchFigure[] = [
  { metric: 'pg batched INSERT (500 rows/statement)', value: pgFigures.batchedInsertRowsPerSec, unit: 'rows/s', baseline: 'pg COPY', baselineValue: pgFigures.copyRowsPerSec, ratio: pgFigures.batchedInsertRowsPerSec / pgFigures.copyRowsPerSec },
  { metric: 'pg tx: business row + outbox row (8 connections)', value: pgFigures.txPerSec, unit: 'tx/s', baseline: 'pg COPY', baselineValue: pgFigures.copyRowsPerSec, ratio: pgFigures.txPerSec / pgFigures.copyRowsPerSec },
  { metric: 'JetStream publish, awaiting each ack', value: js.publishSyncPerSec, unit: 'msg/s', baseline: 'publish, 256 acks in flight', baselineValue: js.publishPipelinedPerSec, ratio: js.publishSyncPerSec / js.publishPipelinedPerSec },
  { metric: 'JetStream durable pull consume (batch 1000)', value: js.consumePerSec, unit: 'msg/s', baseline: 'publish, 256 acks in flight', baselineValue: js.publishPipelinedPerSec, ratio: js.consumePerSec / js.publishPipelinedPerSec },
  {
    metric: `JetStream pull consume, consume({ callback }) (batch 1000, explicit ack, ${forms.messages} msgs, median of ${forms.callbackPerSec.length})`,
    value: callbackRate,
    unit: 'msg/s',
    baseline: 'for await over consume(), same stream, alternated passes',
    baselineValue: iteratorRate,
    ratio: callbackRate / iteratorRate,
    note: `passes: callback ${passes(forms.callbackPerSec)}; iterator ${passes(forms.iteratorPerSec)}`,
  },
];
writeReport({ name: 'raw', startedAt: new Date().toISOString(), machine: machine(), figures });
