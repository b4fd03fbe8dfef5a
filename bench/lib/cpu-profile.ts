// Preloaded into a service process (NODE_OPTIONS=--import <this file>) to write a V8 CPU profile
// of it on exit, into AWDA_CPU_PROF_DIR. Node 20 refuses --cpu-prof in NODE_OPTIONS.
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { join } from 'node:path';

const dir = process.env['AWDA_CPU_PROF_DIR'];
if (dir) {
  const session = new Session();
  session.connect();
  session.post('Profiler.enable');
  session.post('Profiler.setSamplingInterval', { interval: 1000 });
  session.post('Profiler.start');
  let written = false;
  // The in-process inspector answers synchronously, so this works inside exit and signal handlers.
  const write = () => {
    if (written) return;
    written = true;
    session.post('Profiler.stop', (error, result) => {
      if (!error) writeFileSync(join(dir, `service-${process.pid}.cpuprofile`), JSON.stringify(result.profile));
    });
  };
  process.on('exit', write);
  process.once('SIGTERM', () => {
    write();
    // Only ours: the default of SIGTERM (end the process) is gone once a listener exists.
    if (process.listenerCount('SIGTERM') === 0) process.exit(0);
  });
}
