// A worker thread of NameMatchPool: compares the members of the households it is sent with their
// namesakes (the CPU-heavy half of the duplicate check) while the main thread writes to PostgreSQL.
import { parentPort } from 'node:worker_threads';
import { nameFindings } from '../duplicates/name-findings.js';
import type { NameMatchAnswer, NameMatchJob } from './name-match.pool.js';

const port = parentPort;
if (port === null) throw new Error('name-match.worker runs as a worker thread only');
port.on('message', (job: NameMatchJob) => {
  let answer: NameMatchAnswer;
  try {
    answer = { id: job.id, findings: job.households.map((h) => nameFindings(h.members, h.namesakes)) };
  } catch (error) {
    answer = { id: job.id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) };
  }
  port.postMessage(answer);
});
