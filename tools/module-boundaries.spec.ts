import { beforeAll, describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { ESLint } from 'eslint';

// The rule needs Nx's project graph; without it the rule silently skips, so build it first.
beforeAll(() => {
  execFileSync('npx', ['nx', 'show', 'projects'], {
    env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true' },
    stdio: 'ignore',
  });
});

async function boundaryErrors(filePath: string, code: string): Promise<string[]> {
  const eslint = new ESLint();
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === '@nx/enforce-module-boundaries').map((m) => m.message);
}

describe('module boundaries', () => {
  it('should fail lint when one app imports another app', async () => {
    const errors = await boundaryErrors(
      'apps/transport/src/probe.ts',
      "import { registrationService } from '../../registration/src/registration.definition.js';\nexport const x = registrationService;\n",
    );
    expect(errors.length).toBeGreaterThan(0);
  });

  it('should fail lint when a domain library imports an infrastructure library', async () => {
    const errors = await boundaryErrors(
      'libs/convoy-planner/src/probe.ts',
      "import { Outbox } from '@awda/messaging';\nexport const x = Outbox;\n",
    );
    expect(errors.length).toBeGreaterThan(0);
  });

  it('should pass lint when an app imports shared libraries', async () => {
    const errors = await boundaryErrors(
      'apps/transport/src/probe.ts',
      "import { Outbox } from '@awda/messaging';\nimport { HOUSEHOLD_SCHEDULED_V1 } from '@awda/contracts';\nexport const x = [Outbox, HOUSEHOLD_SCHEDULED_V1];\n",
    );
    expect(errors).toEqual([]);
  });
});
