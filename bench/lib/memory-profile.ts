// Preloaded into a service process (NODE_OPTIONS=--import <this file>) to append its
// process.memoryUsage() every AWDA_MEM_INTERVAL_MS (1000) to AWDA_MEM_DIR/service-<pid>.memory.jsonl,
// and to write a heap snapshot there when a file named `snapshot` appears in that directory (node:v8
// writeHeapSnapshot; the process pauses meanwhile). Not on a signal: Nest's enableShutdownHooks()
// shuts the service down on SIGUSR2, and SIGUSR1 starts the inspector.
// AWDA_MEM_GC=1 adds `live`, heapUsed right after a full collection, to every sample: what is really
// retained, as against garbage V8 has not collected yet (it costs a full GC per sample).
import { appendFileSync, existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { setFlagsFromString, writeHeapSnapshot } from 'node:v8';
import { runInNewContext } from 'node:vm';

const dir = process.env['AWDA_MEM_DIR'];
if (dir) {
  const file = join(dir, `service-${process.pid}.memory.jsonl`);
  const started = Date.now();
  const mib = (bytes: number) => Math.round((bytes / 2 ** 20) * 10) / 10;
  let gc: (() => void) | undefined;
  if (process.env['AWDA_MEM_GC'] === '1') {
    setFlagsFromString('--expose-gc');
    gc = runInNewContext('gc') as () => void;
  }
  let snapshots = 0;
  const sample = () => {
    if (existsSync(join(dir, 'snapshot'))) {
      rmSync(join(dir, 'snapshot'), { force: true });
      snapshots += 1;
      writeHeapSnapshot(join(dir, `service-${process.pid}-${snapshots}.heapsnapshot`));
    }
    const m = process.memoryUsage();
    let live: number | undefined;
    if (gc) {
      gc();
      live = mib(process.memoryUsage().heapUsed);
    }
    const line = {
      s: Math.round((Date.now() - started) / 100) / 10,
      rss: mib(m.rss),
      heapTotal: mib(m.heapTotal),
      heapUsed: mib(m.heapUsed),
      external: mib(m.external),
      arrayBuffers: mib(m.arrayBuffers),
      ...(live === undefined ? {} : { live }),
    };
    appendFileSync(file, `${JSON.stringify(line)}\n`);
  };
  sample();
  setInterval(sample, Number(process.env['AWDA_MEM_INTERVAL_MS'] ?? 1000)).unref();
}
