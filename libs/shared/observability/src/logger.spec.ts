import { describe, expect, it } from '@jest/globals';
import { runWithContext } from './context.js';
import { createLogger } from './logger.js';
import { PERSONAL_FIELD_PATHS } from './redaction.js';

function captureLogger(): { logger: ReturnType<typeof createLogger>; lines: Record<string, unknown>[]; raw: string[] } {
  const raw: string[] = [];
  const lines: Record<string, unknown>[] = [];
  const destination = {
    write(chunk: string) {
      raw.push(chunk);
      lines.push(JSON.parse(chunk) as Record<string, unknown>);
    },
  };
  return { logger: createLogger('registration', { level: 'debug', destination }), lines, raw };
}

const PHONE = '+963944123456';
const NAME = 'Fatima Al-Hassan';
const NAME_AR = 'فاطمة الحسن';

describe(createLogger.name, () => {
  it('should write JSON with the service name and level', () => {
    const { logger, lines } = captureLogger();
    logger.info({ householdId: 'h-1' }, 'household registered');
    expect(lines[0]).toMatchObject({ service: 'registration', level: 'info', householdId: 'h-1', msg: 'household registered' });
    expect(typeof lines[0]?.['time']).toBe('string');
  });

  it('should redact phones, names and documents wherever they appear', () => {
    const { logger, raw, lines } = captureLogger();
    logger.info(
      {
        phone: PHONE,
        name: NAME,
        household: { phoneE164: PHONE, fullName: NAME, documents: [{ number: 'N0123456' }] },
        import: { rows: [{ member: { fullNameAr: NAME_AR, fullNameLatin: NAME, documentNumber: 'N0123456' } }] },
        body: { anything: 'at all' },
      },
      'import row rejected',
    );
    const text = raw.join('');
    for (const secret of [PHONE, NAME, NAME_AR, 'N0123456', 'at all']) expect(text).not.toContain(secret);
    expect(lines[0]).toMatchObject({ phone: '[redacted]', name: '[redacted]', household: { fullName: '[redacted]' } });
  });

  it('should redact personal fields on objects that are not plain (entities)', () => {
    class Member {
      constructor(readonly fullName: string, readonly phone: string) {}
    }
    const { logger, raw } = captureLogger();
    logger.warn({ household: { members: [new Member(NAME, PHONE)] } }, 'entity logged by mistake');
    expect(raw.join('')).not.toContain(PHONE);
    expect(raw.join('')).not.toContain(NAME);
  });

  it('should redact personal fields bound to a child logger and the authorization header', () => {
    const { logger, raw } = captureLogger();
    logger
      .child({ req: { headers: { authorization: 'Bearer eyJsecret', cookie: 's=1' } }, recipient: { phone: PHONE } })
      .info('sending');
    const text = raw.join('');
    expect(text).not.toContain('eyJsecret');
    expect(text).not.toContain('s=1');
    expect(text).not.toContain(PHONE);
  });

  it('should redact bound values carried by SQL errors', () => {
    const { logger, raw } = captureLogger();
    const error = Object.assign(new Error('duplicate key value violates unique constraint'), {
      parameters: [PHONE, NAME],
      detail: `Key (phone)=(${PHONE}) already exists.`,
    });
    logger.error({ err: error }, 'insert failed');
    expect(raw.join('')).not.toContain(PHONE);
    expect(raw.join('')).toContain('duplicate key value');
  });

  it('should add the correlation, causation and user ids of the current context', () => {
    const { logger, lines } = captureLogger();
    runWithContext({ correlationId: 'corr-1', causationId: 'evt-9', userId: 'user-7' }, () => logger.info('inside'));
    logger.info('outside');
    expect(lines[0]).toMatchObject({ correlationId: 'corr-1', causationId: 'evt-9', userId: 'user-7' });
    expect(lines[1]).not.toHaveProperty('correlationId');
  });

  it('should not repeat a correlation id a child logger already carries', () => {
    const { logger, raw } = captureLogger();
    runWithContext({ correlationId: 'corr-2' }, () => logger.child({ correlationId: 'corr-2' }).info('once'));
    expect(raw[0]?.match(/"correlationId"/g)).toHaveLength(1);
  });

  it('should export the redaction paths the brief names', () => {
    expect(PERSONAL_FIELD_PATHS).toEqual(
      expect.arrayContaining(['req.headers.authorization', 'req.headers.cookie', '*.phone', '*.fullName', 'req.body', 'res.body']),
    );
  });
});
