import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { pg, queryRows, z } from '@awda/persistence';
import type { Corridor } from './corridors.js';

const corridorRow = z.object({ id: pg.text(), name: pg.text(), areaCodes: pg.textArray() });

@Injectable()
export class CorridorsService {
  async list(manager: EntityManager): Promise<Corridor[]> {
    return queryRows(manager, 'CorridorsService.list', corridorRow, `SELECT id, name, area_codes AS "areaCodes" FROM corridors ORDER BY id`);
  }
}
