// The boarding page's state: the convoy as stored on the tablet (fetched and stored again whenever
// there is a network), the queue and the conflicts, the network as the browser sees it.
import { useCallback, useEffect, useState } from 'react';
import { transportApi, unwrap } from '../api/clients';
import { useSession, useUser } from '../auth/session';
import { boardingConvoy, type ConvoyAnswer, type ManifestAnswer } from './boarding-data';
import { BoardingSync, type BoardingSnapshot } from './boarding-sync';
import { rememberUser } from './device-store';

/** Statuses after which the convoy's manifest has no business on the tablet. */
export const FINISHED = new Set(['departed', 'arrived', 'cancelled']);

export function useOnline(): boolean {
  const [online, setOnline] = useState(() => navigator.onLine);
  useEffect(() => {
    const up = () => setOnline(true);
    const down = () => setOnline(false);
    window.addEventListener('online', up);
    window.addEventListener('offline', down);
    return () => {
      window.removeEventListener('online', up);
      window.removeEventListener('offline', down);
    };
  }, []);
  return online;
}

export function useBoarding(convoyId: string) {
  const user = useUser();
  const { refresh } = useSession();
  const online = useOnline();
  const renew = useCallback(async () => {
    await refresh();
    return true;
  }, [refresh]);
  const [sync, setSync] = useState<BoardingSync | null>(null);
  const [snapshot, setSnapshot] = useState<BoardingSnapshot | null>(null);
  /** The convoy as transport answered it now (null: not asked yet or no answer). */
  const [live, setLive] = useState<ConvoyAnswer | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [loaded, setLoaded] = useState(false);

  useEffect(() => {
    const created = new BoardingSync(user.id, convoyId, renew);
    let active = true;
    const reload = () => {
      void created.snapshot().then((next) => active && setSnapshot(next));
    };
    created.subscribe(reload);
    reload();
    setSync(created);
    return () => {
      active = false;
      created.close();
    };
  }, [user.id, convoyId, renew]);

  const load = useCallback(async () => {
    if (!sync) return;
    setLoadError(null);
    try {
      const convoy = await unwrap<ConvoyAnswer>(transportApi.GET('/convoys/{convoyId}', { params: { path: { convoyId } } }));
      setLive(convoy);
      if (FINISHED.has(convoy.status)) {
        await sync.erase();
      } else {
        const manifest = await unwrap<ManifestAnswer>(transportApi.GET('/convoys/{convoyId}/manifest', { params: { path: { convoyId }, query: {} } }));
        await rememberUser(user);
        await sync.storeConvoy(boardingConvoy(manifest, convoy, new Date().toISOString()));
      }
    } catch (error) {
      setLoadError(error);
    } finally {
      setLoaded(true);
      void sync.drain();
    }
  }, [convoyId, sync, user]);

  useEffect(() => {
    void load();
  }, [load]);

  // Back online: send what waits, and read the convoy again if it could not be read before.
  const unread = loaded && loadError !== null;
  useEffect(() => {
    if (!online) return;
    sync?.retryNow();
    if (unread) void load();
    // Only when the network comes back, not on every failed read.
  }, [online, sync]);

  return { sync, snapshot, live, setLive, loadError, loaded, online, reload: load };
}
