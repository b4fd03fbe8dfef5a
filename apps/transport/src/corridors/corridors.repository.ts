import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { execute, pg, queryRow, z } from '@awda/persistence';

/** The corridor list last published. */
@Injectable()
export class CorridorsRepository {
  /** Serialises publications of the corridor list (replicas starting together) and answers the hash last published. */
  async lockCorridorPublication(manager: EntityManager): Promise<string | undefined> {
    await execute(manager, 'SELECT pg_advisory_xact_lock(hashtext($1))', ['transport-corridors-published']);
    const row = await queryRow(manager, 'CorridorsRepository.lockCorridorPublication', z.object({ list_hash: pg.text() }), 'SELECT list_hash FROM published_corridors WHERE id = 1');
    return row?.list_hash;
  }

  async recordCorridorPublication(manager: EntityManager, hash: string, publishedAt: Date): Promise<void> {
    await execute(
      manager,
      `INSERT INTO published_corridors (id, list_hash, published_at) VALUES (1, $1, $2)
       ON CONFLICT (id) DO UPDATE SET list_hash = EXCLUDED.list_hash, published_at = EXCLUDED.published_at`,
      [hash, publishedAt],
    );
  }
}
