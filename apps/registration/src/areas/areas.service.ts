import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { parse } from 'csv-parse/sync';
import { DataSource } from 'typeorm';
import { DomainError, SERVICE_CONFIG } from '@awda/bootstrap';
import { AREA_CODE_PATTERN, AREA_LEVELS, AREAS_PUBLISHED_MAX, type AreaLevel } from '@awda/contracts';
import { AreasRepository, type Area, type AreaView } from './areas.repository.js';
import type { RegistrationConfig } from '../config.js';
import { AreasPublisher } from './areas.publisher.js';
import { CorridorCoverage } from '../corridors/corridor-coverage.js';

// Names travel in areas.published, whose contract bounds them.
const MAX_NAME_LENGTH = 120;

export type { Area, AreaView };

export interface AreaRowError {
  row: number;
  field: string;
  message: string;
}

/** Reads an areas CSV (code, level, parent_code, name_en, name_ar); every problem names its row and field. */
export function parseAreasCsv(text: string): { areas: Area[]; errors: AreaRowError[] } {
  const records: Record<string, string>[] = parse(text, { columns: true, skip_empty_lines: true, trim: true, bom: true });
  const areas: Area[] = [];
  const errors: AreaRowError[] = [];
  const codes = new Set<string>();
  records.forEach((r, i) => {
    const row = i + 2;
    const code = r['code'] ?? '';
    const level = (r['level'] ?? '') as AreaLevel;
    if (!AREA_CODE_PATTERN.test(code)) errors.push({ row, field: 'code', message: `"${code}" is not an area code such as SY110000` });
    else if (codes.has(code)) errors.push({ row, field: 'code', message: `${code} appears twice` });
    if (!AREA_LEVELS.includes(level)) errors.push({ row, field: 'level', message: `level must be one of ${AREA_LEVELS.join(', ')}` });
    for (const field of ['name_en', 'name_ar']) {
      const name = r[field] ?? '';
      if (!name) errors.push({ row, field, message: `${field} is required` });
      else if (name.length > MAX_NAME_LENGTH) errors.push({ row, field, message: `${field} is longer than ${MAX_NAME_LENGTH} characters` });
    }
    codes.add(code);
    areas.push({ code, level, parentCode: r['parent_code'] || null, nameEn: r['name_en'] ?? '', nameAr: r['name_ar'] ?? '' });
  });
  areas.forEach((a, i) => {
    if (a.parentCode !== null && !codes.has(a.parentCode)) {
      errors.push({ row: i + 2, field: 'parent_code', message: `parent ${a.parentCode} is not in the file` });
    }
    if (a.level !== 'governorate' && a.parentCode === null) errors.push({ row: i + 2, field: 'parent_code', message: 'required below governorate' });
  });
  return { areas, errors };
}

/** The reference list of destination areas: shipped as data/areas.csv, replaceable from a CSV. */
@Injectable()
export class AreasService implements OnApplicationBootstrap {
  private readonly logger = new Logger(AreasService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly publisher: AreasPublisher,
    private readonly areas: AreasRepository,
    private readonly coverage: CorridorCoverage,
    @Inject(SERVICE_CONFIG) private readonly config: RegistrationConfig,
  ) {}

  private initialLoad?: Promise<void>;

  /** A hybrid Nest app (HTTP + JetStream) calls bootstrap hooks twice: the shipped list is loaded once. */
  onApplicationBootstrap(): Promise<void> {
    this.initialLoad ??= this.loadShippedAreasIfEmpty();
    return this.initialLoad;
  }

  /** The shipped list into an empty table; and a list never published (an existing deployment) is published. */
  private async loadShippedAreasIfEmpty(): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const lastHash = await this.publisher.lock(manager);
      if ((await this.areas.count(manager)) === 0) {
        const file = this.areasFile();
        const { areas, errors } = parseAreasCsv(readFileSync(file, 'utf8'));
        if (errors.length) throw new Error(`areas file ${file} is not valid: ${errors.map((e) => `row ${e.row} ${e.field}: ${e.message}`).join('; ')}`);
        if (areas.length > AREAS_PUBLISHED_MAX) throw new Error(`areas file ${file} has ${areas.length} areas; at most ${AREAS_PUBLISHED_MAX}`);
        await this.areas.upsert(manager, areas);
        await this.coverage.recompute(manager);
        this.logger.log(`loaded ${areas.length} destination areas from ${file}`);
      }
      await this.publisher.publishIfChanged(manager, lastHash);
    });
  }

  private areasFile(): string {
    if (this.config.AREAS_FILE) return this.config.AREAS_FILE;
    const besideSource = fileURLToPath(new URL('../../data/areas.csv', import.meta.url));
    return existsSync(besideSource) ? besideSource : resolve('apps/registration/data/areas.csv');
  }

  async list(): Promise<AreaView[]> {
    return this.areas.listWithServed(this.dataSource);
  }

  /** Replaces the list: new and changed areas are saved, missing ones removed unless a household goes there. */
  async replace(text: string): Promise<{ areas: number; removed: number; kept: string[] }> {
    const { areas, errors } = parseAreasCsv(text);
    if (errors.length) {
      throw new DomainError('VALIDATION_FAILED', 'The areas file has errors; nothing was changed', 400, { errors });
    }
    if (areas.length === 0) throw new DomainError('VALIDATION_FAILED', 'The areas file is empty; nothing was changed', 400);
    if (areas.length > AREAS_PUBLISHED_MAX) {
      throw new DomainError('VALIDATION_FAILED', `The areas file has ${areas.length} areas; at most ${AREAS_PUBLISHED_MAX} are accepted; nothing was changed`, 400);
    }
    return this.dataSource.transaction(async (manager) => {
      const lastHash = await this.publisher.lock(manager);
      await this.areas.upsert(manager, areas);
      const codes = areas.map((a) => a.code);
      const kept = await this.areas.destinationsOutside(manager, codes);
      const removed = await this.areas.removeUnlisted(manager, codes, kept);
      await this.coverage.recompute(manager);
      // Kept areas (households still go there) stay in the published list: consumers need their names.
      await this.publisher.publishIfChanged(manager, lastHash);
      return { areas: areas.length, removed, kept };
    });
  }
}
