import { describe, expect, it } from '@jest/globals';
import { ESLint } from 'eslint';

// The repository rule of eslint.config.js (issue 16 item 1): raw SQL only in *.repository.ts of the converted code.
async function rawQueryErrors(filePath: string, code: string): Promise<string[]> {
  const eslint = new ESLint();
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-syntax').map((m) => m.message);
}

const RAW = "export async function f(manager: { query(sql: string): Promise<unknown> }): Promise<unknown> {\n  return manager.query('SELECT 1');\n}\n";

describe('data access lint rule', () => {
  it.each([
    'apps/eligibility/src/overrides/overrides.service.ts',
    'apps/gateway/src/users/users.service.ts',
    'apps/notifications/src/dispatch/dispatcher.service.ts',
    'apps/registration/src/common/idempotency.interceptor.ts',
    'apps/registration/src/households/households.service.ts',
    'apps/registration/src/imports/import-batches.service.ts',
    'apps/transport/src/fleet/fleet.service.ts',
    'apps/transport/src/convoys/convoys.service.ts',
    'apps/notifications/src/conversations/conversations.service.ts',
    'apps/reporting/src/facts/rebuild.service.ts',
    'apps/registration/src/privacy/erasure.service.ts',
    'apps/notifications/src/privacy/erasure.service.ts',
  ])(
    'should fail lint on a raw query in %s',
    async (filePath) => {
      const errors = await rawQueryErrors(filePath, RAW);
      expect(errors).toHaveLength(1);
      expect(errors[0]).toContain('repository.ts');
    },
  );

  it.each([
    'apps/eligibility/src/overrides/overrides.repository.ts',
    'apps/eligibility/src/migrations/1799999999999-probe.ts',
    'apps/transport/src/convoys/convoys.repository.ts',
    'apps/reporting/src/facts/facts.repository.ts',
    'apps/registration/src/privacy/erasures.repository.ts',
  ])('should let a raw query through in %s (a repository or a migration)', async (filePath) => {
    expect(await rawQueryErrors(filePath, RAW)).toEqual([]);
  });

  it('should not flag the checked helpers in a service', async () => {
    const checked =
      "import { queryRows, z } from '@awda/persistence';\nexport const f = (m: { query(sql: string): Promise<unknown> }) => queryRows(m, 'x', z.object({}), 'SELECT 1');\n";
    expect(await rawQueryErrors('apps/eligibility/src/overrides/overrides.service.ts', checked)).toEqual([]);
  });
});
