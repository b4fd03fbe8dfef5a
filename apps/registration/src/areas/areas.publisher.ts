import { createHash } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AREAS_PUBLISHED_V1 } from '@awda/contracts';
import { Outbox } from '@awda/messaging';
import { AreasRepository, type Area } from './areas.repository.js';

// All areas.published events share one ordering key: consumers see the lists in order.
export const AREAS_ORDERING_KEY = 'areas';

/** A fingerprint of the list as consumers receive it (sorted by code, every field). */
export function areaListHash(areas: readonly Area[]): string {
  const sorted = [...areas].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  const canonical = sorted.map((a) => [a.code, a.level, a.parentCode, a.nameAr, a.nameEn]);
  return createHash('sha256').update(JSON.stringify(canonical)).digest('hex');
}

/** Publishes the destination-area list through the outbox when it differs from the one last published. */
@Injectable()
export class AreasPublisher {
  private readonly logger = new Logger(AreasPublisher.name);

  constructor(
    private readonly outbox: Outbox,
    private readonly areas: AreasRepository,
  ) {}

  /**
   * Locks the published-list row: call first in a transaction that changes the areas, so two
   * replicas (or an upload during a start) compare and publish one after the other.
   */
  async lock(manager: EntityManager): Promise<string | null> {
    return this.areas.lockPublished(manager);
  }

  /** In the caller's transaction, after `lock`: enqueues areas.published if the list changed. True when it did. */
  async publishIfChanged(manager: EntityManager, lastHash: string | null): Promise<boolean> {
    const areas = await this.areas.list(manager);
    if (areas.length === 0) return false;
    const hash = areaListHash(areas);
    if (hash === lastHash) return false;
    const publishedAt = new Date();
    await this.outbox.enqueue(
      manager,
      AREAS_PUBLISHED_V1,
      {
        areas: areas.map((a) => ({ code: a.code, level: a.level, parentCode: a.parentCode, nameAr: a.nameAr, nameEn: a.nameEn })),
        publishedAt: publishedAt.toISOString(),
      },
      { key: AREAS_ORDERING_KEY },
    );
    await this.areas.recordPublished(manager, hash, publishedAt);
    this.logger.log(`published ${areas.length} destination areas`);
    return true;
  }
}
