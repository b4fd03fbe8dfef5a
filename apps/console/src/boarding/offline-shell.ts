// The service worker keeps the built console on the device (pwa/service-worker.js), so boarding opens
// on a tablet with no network. It is registered only from the logistics screens: its first install
// downloads every built file (about 1.2 MB), which a case worker on a slow link must not pay for.
// Once registered it stays, so a tablet that opened boarding once starts offline from then on.
// Only in a build: the dev server's files change all the time.
export function keepConsoleOnDevice(): void {
  if (!import.meta.env.PROD || typeof navigator === 'undefined' || !('serviceWorker' in navigator)) return;
  navigator.serviceWorker.register('/sw.js', { scope: '/', updateViaCache: 'none' }).catch(() => undefined);
}
