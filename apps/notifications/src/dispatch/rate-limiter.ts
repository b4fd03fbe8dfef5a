import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { RateLedgerRepository } from './rate-ledger.repository.js';
import { nextSlot, type RateEntry } from './throttle.js';

/** The provider's reservations as seen under its lock, with the database's clock at that moment. */
export interface RateWindow {
  provider: string;
  /** Database time when the window was read (epoch ms). */
  dbNow: number;
  /** Bounds of (database clock − local clock) in ms. */
  offsetLow: number;
  offsetHigh: number;
  /** Reservations still in the widened window or ahead of it, sorted by slot. */
  reserved: RateEntry[];
}

/**
 * Provider throughput shared by all replicas: each message gets a hand-off slot on a ledger in
 * PostgreSQL, on the database's clock, under a per-provider row lock, so that no window of
 * 1 s + margin ever holds more than the rate, however many dispatchers run.
 */
@Injectable()
export class RateLimiter {
  private readonly offset = new ClockOffset();

  constructor(private readonly ledger: RateLedgerRepository) {}

  /** Locks the provider's rate row until the caller's transaction ends, and reads its window. */
  async lock(manager: EntityManager, provider: string, marginMs: number): Promise<RateWindow> {
    await this.ledger.lockProvider(manager, provider);
    const localBefore = Date.now();
    const now = await this.ledger.databaseNow(manager);
    const localAfter = Date.now();
    const dbNow = new Date(now ?? localAfter).getTime();
    const offset = this.offset.sample(dbNow, localBefore, localAfter);
    const rows = await this.ledger.reservedAfter(manager, provider, new Date(dbNow - 1000 - marginMs - 1));
    return {
      provider,
      dbNow,
      offsetLow: offset.low,
      offsetHigh: offset.high,
      reserved: rows.map((r) => ({ at: new Date(r.at).getTime(), segments: Number(r.segments) })),
    };
  }

  /**
   * Reserves slots for messages in order until the horizon (`latest`, database time) is full; one
   * INSERT for all. Returns the slots of the first messages that fit (possibly none); call under
   * lock() with the window it returned, which is updated.
   */
  async reserveMany(
    manager: EntityManager,
    window: RateWindow,
    messages: readonly { messageId: string; segments: number }[],
    request: { earliest: number; latest: number; rate: number; marginMs: number },
  ): Promise<number[]> {
    const slots: number[] = [];
    for (const message of messages) {
      const slot = nextSlot(window.reserved, { ...request, segments: message.segments });
      if (slot > request.latest) break;
      window.reserved.push({ at: slot, segments: message.segments });
      slots.push(slot);
    }
    if (slots.length > 0) {
      await this.ledger.insertSlots(
        manager,
        window.provider,
        slots.map((slot, i) => ({ at: new Date(slot), segments: messages[i]?.segments ?? 0, messageId: messages[i]?.messageId })),
      );
    }
    return slots;
  }

  /** Frees a slot that was not used: a smaller window can never break the rate, so no lock is needed. */
  async giveBack(manager: EntityManager, provider: string, messageId: string, slot: number): Promise<void> {
    await this.ledger.deleteSlot(manager, provider, messageId, new Date(slot));
  }

  async prune(manager: EntityManager): Promise<void> {
    await this.ledger.prune(manager);
  }
}

/**
 * Bounds of the offset between the database clock and ours. One reading bounds it by its round trip;
 * readings of the last minute are intersected (clocks drift far less than a millisecond in that
 * time), so a loaded machine's slow round trips do not eat the hand-off margin. A reading outside
 * the bounds (a clock was stepped) starts over.
 */
export class ClockOffset {
  private readings: { at: number; low: number; high: number }[] = [];

  sample(dbNow: number, localBefore: number, localAfter: number, keepMs = 60_000): { low: number; high: number } {
    const reading = { at: localAfter, low: dbNow - localAfter, high: dbNow - localBefore };
    this.readings = this.readings.filter((r) => r.at > localAfter - keepMs);
    this.readings.push(reading);
    let low = Math.max(...this.readings.map((r) => r.low));
    let high = Math.min(...this.readings.map((r) => r.high));
    if (low > high) {
      this.readings = [reading];
      ({ low, high } = reading);
    }
    return { low, high };
  }
}
