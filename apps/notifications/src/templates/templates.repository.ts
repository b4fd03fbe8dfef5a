import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { execute, pg, queryRows, z, type SqlRunner } from '@awda/persistence';
import { LANGUAGES, TEMPLATE_KEYS, type Language, type TemplateKey } from '@awda/sms-text';

const overrideRow = z.object({ template: z.enum(TEMPLATE_KEYS), language: z.enum(LANGUAGES), body: pg.text() });

/** template_overrides: an administrator's text of a template in one language. */
@Injectable()
export class TemplatesRepository {
  async list(manager: EntityManager): Promise<{ template: TemplateKey; language: Language; body: string }[]> {
    return queryRows(manager, 'TemplatesRepository.list', overrideRow, `SELECT template, language, body FROM template_overrides`);
  }

  async upsert(runner: SqlRunner, template: TemplateKey, language: Language, body: string, by: string): Promise<void> {
    await execute(
      runner,
      `INSERT INTO template_overrides (template, language, body, updated_by) VALUES ($1, $2, $3, $4)
       ON CONFLICT (template, language) DO UPDATE SET body = EXCLUDED.body, updated_by = EXCLUDED.updated_by, updated_at = now()`,
      [template, language, body, by],
    );
  }

  async delete(runner: SqlRunner, template: TemplateKey, language: Language): Promise<void> {
    await execute(runner, `DELETE FROM template_overrides WHERE template = $1 AND language = $2`, [template, language]);
  }
}
