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

async function restrictedImports(filePath: string, code: string): Promise<string[]> {
  const eslint = new ESLint();
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

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

  describe('banned imports (issue 16 item 5)', () => {
    it.each([
      ['@nestjs/common', "import { Injectable } from '@nestjs/common';\nexport const x = Injectable;\n"],
      ['typeorm', "import { DataSource } from 'typeorm';\nexport const x = DataSource;\n"],
      ['pg', "import pg from 'pg';\nexport const x = pg;\n"],
      ['@nats-io/jetstream', "import { jetstream } from '@nats-io/jetstream';\nexport const x = jetstream;\n"],
    ])('should fail lint when a domain library imports %s', async (_name, code) => {
      for (const lib of ['convoy-planner', 'eligibility-rules', 'sms-text']) {
        expect(await restrictedImports(`libs/${lib}/src/probe.ts`, code)).toHaveLength(1);
      }
    });

    it('should fail lint when a service imports NATS itself, and pass in the messaging library and test harnesses', async () => {
      const code = "import { jetstream } from '@nats-io/jetstream';\nexport const x = jetstream;\n";
      expect(await restrictedImports('apps/transport/src/probe.ts', code)).toHaveLength(1);
      expect(await restrictedImports('apps/gateway/src/probe.ts', code)).toHaveLength(1);
      expect(await restrictedImports('libs/shared/bootstrap/src/probe.ts', code)).toHaveLength(1);
      expect(await restrictedImports('libs/shared/messaging/src/probe.ts', code)).toEqual([]);
      expect(await restrictedImports('apps/transport/test/probe.ts', code)).toEqual([]);
      expect(await restrictedImports('e2e/probe.ts', code)).toEqual([]);
    });

    it('should fail lint when a contract imports anything but validation libraries', async () => {
      for (const code of [
        "import { Injectable } from '@nestjs/common';\nexport const x = Injectable;\n",
        "import { DateTime } from 'luxon';\nexport const x = DateTime;\n",
        "import { Outbox } from '@awda/messaging';\nexport const x = Outbox;\n",
      ]) {
        expect(await restrictedImports('libs/contracts/src/probe.ts', code)).toHaveLength(1);
      }
      const allowed = "import { Type } from 'class-transformer';\nimport { IsString } from 'class-validator';\nimport { LANGUAGES } from '../common.js';\nexport const x = [Type, IsString, LANGUAGES];\n";
      expect(await restrictedImports('libs/contracts/src/events/probe.ts', allowed)).toEqual([]);
    });

    it('should pass lint when a domain library imports what it may', async () => {
      const code = "import { AREA_CODE_PATTERN } from '@awda/contracts';\nexport const x = AREA_CODE_PATTERN;\n";
      expect(await restrictedImports('libs/convoy-planner/src/probe.ts', code)).toEqual([]);
    });
  });
});
