// The service worker keeps the built console on the device (pwa/service-worker.js), so boarding opens
// on a tablet with no network. It is registered so only from the logistics screens: its first install
// downloads every built file (about 1.2 MB), which a case worker on a slow link must not pay for
// (other pages register it storing the shell only: keepShellOnDevice).
// Once registered it stays, so a tablet that opened boarding once starts offline from then on.
// Only in a build: the dev server's files change all the time.
export function keepConsoleOnDevice(): void {
  if (!import.meta.env.PROD || typeof navigator === 'undefined' || !('serviceWorker' in navigator)) return;
  // After a shell-only registration started on this page load, never before it (it would replace this one).
  void shellRegistration.then(() => navigator.serviceWorker.register('/sw.js', { scope: '/', updateViaCache: 'none' })).catch(() => undefined);
}

let shellRegistration: Promise<unknown> = Promise.resolve();

/**
 * For every other signed-in page: the same service worker storing only the shell (/sw.js?shell), so
 * that a page opened again does not wait a round trip for its HTML. A device that already has a
 * service worker keeps it (a boarding tablet keeps every file).
 */
export function keepShellOnDevice(): void {
  if (!import.meta.env.PROD || typeof navigator === 'undefined' || !('serviceWorker' in navigator)) return;
  const worker = navigator.serviceWorker;
  shellRegistration = worker
    .getRegistration('/')
    .then((existing) => (existing ? undefined : worker.register('/sw.js?shell', { scope: '/', updateViaCache: 'none' })))
    .catch(() => undefined);
}
