import { Injectable, Logger } from '@nestjs/common';
import type { AreasPublishedV1, EventEnvelope } from '@awda/contracts';
import { Inbox } from '@awda/messaging';

/**
 * Registration's destination-area list (codes, parents, names), which destinations are resolved with.
 * A list older than the one applied changes nothing; areas a newer list no longer names are kept
 * (households may still be bound there).
 */
@Injectable()
export class AreasProjection {
  private readonly logger = new Logger(AreasProjection.name);

  constructor(private readonly inbox: Inbox) {}

  async apply(event: EventEnvelope<AreasPublishedV1>): Promise<void> {
    const { areas, publishedAt } = event.data;
    await this.inbox.process(event, async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', ['transport-area-list']);
      const newer: { newer: boolean }[] = await manager.query(
        `SELECT NOT EXISTS (SELECT 1 FROM destination_area_list WHERE published_at >= $1::timestamptz) AS newer`,
        [publishedAt],
      );
      if (!newer[0]?.newer) return;
      await manager.query(
        `INSERT INTO destination_areas (code, parent_code, level, name_ar, name_en)
         SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[])
         ON CONFLICT (code) DO UPDATE SET parent_code = EXCLUDED.parent_code, level = EXCLUDED.level,
           name_ar = EXCLUDED.name_ar, name_en = EXCLUDED.name_en, updated_at = now()`,
        [
          areas.map((a) => a.code),
          areas.map((a) => a.parentCode ?? null),
          areas.map((a) => a.level),
          areas.map((a) => a.nameAr),
          areas.map((a) => a.nameEn),
        ],
      );
      await manager.query(
        `INSERT INTO destination_area_list (id, published_at) VALUES (1, $1) ON CONFLICT (id) DO UPDATE SET published_at = EXCLUDED.published_at`,
        [publishedAt],
      );
      this.logger.log(`area list of ${publishedAt}: ${areas.length} areas`);
    });
  }
}
