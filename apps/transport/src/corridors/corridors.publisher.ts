import { createHash } from 'node:crypto';
import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CorridorsRepository } from './corridors.repository.js';
import { CORRIDORS_PUBLISHED_V1 } from '@awda/contracts';
import { Outbox } from '@awda/messaging';
import type { Corridor } from './corridors.js';
import { CorridorsService } from './corridors.service.js';

/** All corridors.published events share one ordering key: consumers see the lists in order. */
export const CORRIDORS_ORDERING_KEY = 'corridors';

/** A fingerprint of the list as consumers receive it. */
export function corridorListHash(corridors: readonly Corridor[]): string {
  const canonical = [...corridors]
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map((c) => [c.id, c.name, [...c.areaCodes].sort()]);
  return createHash('sha256').update(JSON.stringify(canonical)).digest('hex');
}

/**
 * Publishes the corridors (which areas a convoy can reach) through the outbox when they differ from
 * the list last published, so that eligibility and registration can tell a family whose destination
 * no road serves yet. Corridors change by migration; a start after one publishes the new list.
 */
@Injectable()
export class CorridorsPublisher implements OnApplicationBootstrap {
  private readonly logger = new Logger(CorridorsPublisher.name);
  private published?: Promise<void>;

  constructor(
    private readonly corridorsRepository: CorridorsRepository,
    private readonly dataSource: DataSource,
    private readonly corridors: CorridorsService,
    private readonly outbox: Outbox,
  ) {}

  /** A hybrid Nest app (HTTP + JetStream) calls bootstrap hooks twice: publish once. */
  onApplicationBootstrap(): Promise<void> {
    this.published ??= this.publishIfChanged();
    return this.published;
  }

  async publishIfChanged(): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      // Replicas starting together compare and publish one after the other.
      const publishedHash = await this.corridorsRepository.lockCorridorPublication(manager);
      const corridors = await this.corridors.list(manager);
      const hash = corridorListHash(corridors);
      if (publishedHash === hash) return;
      const publishedAt = new Date();
      await this.outbox.enqueue(
        manager,
        CORRIDORS_PUBLISHED_V1,
        { corridors: corridors.map((c) => ({ id: c.id, name: c.name, areaCodes: [...c.areaCodes] })), publishedAt: publishedAt.toISOString() },
        { key: CORRIDORS_ORDERING_KEY },
      );
      await this.corridorsRepository.recordCorridorPublication(manager, hash, publishedAt);
      this.logger.log(`published ${corridors.length} corridors`);
    });
  }
}
