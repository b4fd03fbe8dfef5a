// The tablet's outbox: each check-in and no-show is stored (sealed) with the Idempotency-Key made at
// the tap, then sent in the order tapped, one at a time, when there is a network: at once, on the
// browser's `online` event, and again with a growing delay while the gateway cannot be reached. An
// action leaves the queue only when transport has answered: recorded (2xx), or refused (409/422 —
// the family withdrew, the convoy was cancelled), in which case it goes to the "needs attention"
// list with the reason; nothing is dropped silently. Transport records a check-in once per member
// whatever the number of attempts; a no-show already recorded by an earlier attempt whose answer was
// lost is recognised from the convoy (the family is listed as a no-show) and counted as done.
// Transport also keeps each Idempotency-Key's first answer and gives it back to a retry.
import { ApiError } from '../api/errors';
import { transportApi, unwrap } from '../api/clients';
import {
  outcomeOf,
  retryDelayMs,
  type AttentionItem,
  type BoardingAction,
  type ConvoyAnswer,
  type FamilyState,
  type StoredConvoy,
} from './boarding-data';
import { deleteSealed, getSealed, putSealed, sealedNames } from './device-store';

export const convoyRecord = (convoyId: string) => `convoy:${convoyId}`;
const queueRecord = (convoyId: string) => `queue:${convoyId}`;
const attentionRecord = (convoyId: string) => `attention:${convoyId}`;

export type SyncState = 'idle' | 'sending' | 'waiting-network' | 'signed-out';

export interface BoardingSnapshot {
  convoy: StoredConvoy | undefined;
  queue: BoardingAction[];
  attention: AttentionItem[];
  sync: SyncState;
}

type Listener = () => void;

/** One per signed-in user and convoy page: reads and writes the sealed records and drains the queue. */
export class BoardingSync {
  private listeners = new Set<Listener>();
  private chain: Promise<unknown> = Promise.resolve();
  private running = false;
  private failures = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private closed = false;
  state: SyncState = 'idle';

  constructor(
    private readonly userId: string,
    private readonly convoyId: string,
    /** Renews the session (CSRF token) after the tablet started with no network; false when signed out. */
    private readonly renewSession: () => Promise<boolean>,
  ) {}

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  close(): void {
    this.closed = true;
    clearTimeout(this.timer);
    this.listeners.clear();
  }

  private changed(): void {
    for (const listener of this.listeners) listener();
  }

  /** Storage changes one after another (read, change, write), so two taps never overwrite each other. */
  private serial<T>(work: () => Promise<T>): Promise<T> {
    const next = this.chain.then(work, work);
    this.chain = next.catch(() => undefined);
    return next;
  }

  async snapshot(): Promise<BoardingSnapshot> {
    const [convoy, queue, attention] = await Promise.all([
      getSealed<StoredConvoy>(this.userId, convoyRecord(this.convoyId)),
      getSealed<BoardingAction[]>(this.userId, queueRecord(this.convoyId)),
      getSealed<AttentionItem[]>(this.userId, attentionRecord(this.convoyId)),
    ]);
    return { convoy, queue: queue ?? [], attention: attention ?? [], sync: this.state };
  }

  storeConvoy(convoy: StoredConvoy): Promise<void> {
    return this.serial(async () => {
      // Taps not yet sent stay as tapped over what transport said when the page was opened.
      const queue = (await getSealed<BoardingAction[]>(this.userId, queueRecord(this.convoyId))) ?? [];
      const attention = (await getSealed<AttentionItem[]>(this.userId, attentionRecord(this.convoyId))) ?? [];
      const before = await getSealed<StoredConvoy>(this.userId, convoyRecord(this.convoyId));
      for (const family of convoy.families) {
        const pending = queue.filter((action) => action.householdId === family.householdId).at(-1);
        if (pending) family.state = pending.kind === 'check-in' ? 'checked-in' : 'no-show';
        else if (family.state === 'waiting' && attention.some((item) => item.action.householdId === family.householdId)) family.state = 'conflict';
        else if (family.state === 'waiting') {
          // A read that left before a tap was sent says "waiting": what this tablet knows stays until transport says more.
          const known = before?.families.find((candidate) => candidate.householdId === family.householdId)?.state;
          if (known === 'checked-in' || known === 'no-show') family.state = known;
        }
      }
      await putSealed(this.userId, convoyRecord(this.convoyId), convoy);
      this.changed();
    });
  }

  /** A tap: the family's new state is kept and the action queued with a fresh Idempotency-Key. */
  tap(action: Omit<BoardingAction, 'key' | 'tappedAt' | 'attempts' | 'convoyId'>): Promise<void> {
    return this.serial(async () => {
      const queued: BoardingAction = { ...action, convoyId: this.convoyId, key: crypto.randomUUID(), tappedAt: new Date().toISOString(), attempts: 0 };
      const queue = (await getSealed<BoardingAction[]>(this.userId, queueRecord(this.convoyId))) ?? [];
      await putSealed(this.userId, queueRecord(this.convoyId), [...queue, queued]);
      await this.setFamilyState(action.householdId, action.kind === 'check-in' ? 'checked-in' : 'no-show');
      this.changed();
    }).then(() => this.drain());
  }

  /** The person has read a conflict: it leaves the list (the family's state stays as transport has it). */
  dismiss(key: string): Promise<void> {
    return this.serial(async () => {
      const attention = (await getSealed<AttentionItem[]>(this.userId, attentionRecord(this.convoyId))) ?? [];
      await putSealed(this.userId, attentionRecord(this.convoyId), attention.filter((item) => item.action.key !== key));
      this.changed();
    });
  }

  private async setFamilyState(householdId: string, state: FamilyState): Promise<void> {
    const convoy = await getSealed<StoredConvoy>(this.userId, convoyRecord(this.convoyId));
    if (!convoy) return;
    const family = convoy.families.find((candidate) => candidate.householdId === householdId);
    if (!family) return;
    family.state = state;
    await putSealed(this.userId, convoyRecord(this.convoyId), convoy);
  }

  private setState(state: SyncState): void {
    if (this.state === state) return;
    this.state = state;
    this.changed();
  }

  /** The network is back (or the person asked): try now, whatever the backoff said. */
  retryNow(): void {
    this.failures = 0;
    clearTimeout(this.timer);
    this.timer = undefined;
    void this.drain();
  }

  /** Sends the queued actions in order until the queue is empty, the network fails or the session is gone. */
  async drain(): Promise<void> {
    if (this.running || this.closed) return;
    this.running = true;
    let renewed = false;
    try {
      for (;;) {
        const queue = await this.serial(async () => (await getSealed<BoardingAction[]>(this.userId, queueRecord(this.convoyId))) ?? []);
        const action = queue[0];
        if (!action) {
          this.setState('idle');
          return;
        }
        this.setState('sending');
        const { outcome, error } = await this.send(action);
        if (outcome === 'retry' || outcome === 'signed-out') {
          await this.serial(() => this.updateAction(action.key, { attempts: action.attempts + 1 }));
          if (outcome === 'signed-out' && !renewed) {
            renewed = true;
            if (await this.renewSession().catch(() => false)) continue;
          }
          this.failures += 1;
          this.setState(outcome === 'signed-out' ? 'signed-out' : 'waiting-network');
          // Signed out: tried again too, so the queue leaves once the person has signed in again.
          clearTimeout(this.timer);
          this.timer = setTimeout(() => void this.drain(), retryDelayMs(this.failures));
          return;
        }
        this.failures = 0;
        await this.serial(async () => {
          const current = (await getSealed<BoardingAction[]>(this.userId, queueRecord(this.convoyId))) ?? [];
          await putSealed(this.userId, queueRecord(this.convoyId), current.filter((queued) => queued.key !== action.key));
          if (outcome === 'conflict') {
            const attention = (await getSealed<AttentionItem[]>(this.userId, attentionRecord(this.convoyId))) ?? [];
            const item: AttentionItem = { action, code: error?.code ?? 'HTTP', status: error?.status ?? 0 };
            await putSealed(this.userId, attentionRecord(this.convoyId), [...attention, item]);
            await this.setFamilyState(action.householdId, 'conflict');
          }
          this.changed();
        });
      }
    } finally {
      this.running = false;
    }
  }

  private async updateAction(key: string, change: Partial<BoardingAction>): Promise<void> {
    const queue = (await getSealed<BoardingAction[]>(this.userId, queueRecord(this.convoyId))) ?? [];
    await putSealed(
      this.userId,
      queueRecord(this.convoyId),
      queue.map((queued) => (queued.key === key ? { ...queued, ...change } : queued)),
    );
  }

  private async send(action: BoardingAction): Promise<{ outcome: ReturnType<typeof outcomeOf>; error?: ApiError }> {
    const params = { path: { convoyId: action.convoyId }, header: { 'Idempotency-Key': action.key } };
    try {
      if (action.kind === 'check-in') {
        await unwrap(transportApi.POST('/convoys/{convoyId}/check-ins', { params, body: { householdId: action.householdId, memberIds: action.memberIds } }));
      } else {
        await unwrap(transportApi.POST('/convoys/{convoyId}/no-shows', { params, body: { householdId: action.householdId, reason: action.reason ?? 'no show' } }));
      }
      return { outcome: 'done' };
    } catch (error) {
      if (!(error instanceof ApiError)) return { outcome: 'retry' };
      const outcome = outcomeOf(error.status, error.code);
      if (outcome === 'conflict' && action.kind === 'no-show' && error.code === 'TRANSPORT.HOUSEHOLD_NOT_ON_CONVOY') {
        // An earlier attempt may have been recorded with its answer lost on the way back.
        const recorded = await this.noShowRecorded(action).catch(() => undefined);
        if (recorded === undefined) return { outcome: 'retry' };
        if (recorded) return { outcome: 'done' };
      }
      return { outcome, error };
    }
  }

  private async noShowRecorded(action: BoardingAction): Promise<boolean> {
    const convoy = await unwrap<ConvoyAnswer>(transportApi.GET('/convoys/{convoyId}', { params: { path: { convoyId: action.convoyId } } }));
    return convoy.households.some((household) => household.householdId === action.householdId && household.noShow);
  }

  /** After the departure: the convoy's manifest, queue and conflicts leave the device. */
  async erase(): Promise<void> {
    await this.serial(() => deleteSealed([convoyRecord(this.convoyId), queueRecord(this.convoyId), attentionRecord(this.convoyId)]));
    this.changed();
  }
}

/** Convoys whose manifest is on this device (the list page shows them when there is no network). */
export async function storedConvoys(userId: string): Promise<StoredConvoy[]> {
  const names = await sealedNames('convoy:');
  const convoys = await Promise.all(names.map((name) => getSealed<StoredConvoy>(userId, name)));
  return convoys.filter((convoy): convoy is StoredConvoy => convoy !== undefined);
}
