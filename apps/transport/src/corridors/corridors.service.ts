import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Corridor } from './corridors.js';

@Injectable()
export class CorridorsService {
  async list(manager: EntityManager): Promise<Corridor[]> {
    return manager.query(`SELECT id, name, area_codes AS "areaCodes" FROM corridors ORDER BY id`);
  }
}
