import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Controller, Get, Logger as NestLogger, type INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { Logger } from 'nestjs-pino';
import request from 'supertest';
import { currentContext } from './context.js';
import { awdaMetrics } from './metrics.js';
import { ObservabilityModule } from './observability.module.js';

const PHONE = '+963944123456';
const NAME = 'Fatima Al-Hassan';

@Controller('probe')
class ProbeController {
  private readonly logger = new NestLogger(ProbeController.name);

  @Get()
  probe(): { correlationId: string | undefined } {
    this.logger.log({ msg: 'probe handled', household: { phoneE164: PHONE, fullName: NAME } });
    return { correlationId: currentContext()?.correlationId };
  }
}

async function waitFor<T>(find: () => T | undefined, timeoutMs = 2000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = find();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setImmediate(resolve));
  }
}

describe(ObservabilityModule.name, () => {
  const raw: string[] = [];
  const lines: Record<string, unknown>[] = [];
  let app: INestApplication;

  beforeAll(async () => {
    const destination = {
      write(chunk: string) {
        raw.push(chunk);
        lines.push(JSON.parse(chunk) as Record<string, unknown>);
      },
    };
    const moduleRef = await Test.createTestingModule({
      imports: [ObservabilityModule.forRoot({ serviceName: 'registration', level: 'info', destination })],
      controllers: [ProbeController],
    }).compile();
    app = moduleRef.createNestApplication({ bufferLogs: true });
    app.useLogger(app.get(Logger));
    await app.init();
  });

  afterAll(async () => {
    await app.close();
  });

  it('should echo a sane correlation id and use it for the request context and the logs', async () => {
    const response = await request(app.getHttpServer()).get('/probe').set('x-correlation-id', 'corr.abc-123_X');
    expect(response.status).toBe(200);
    expect(response.headers['x-correlation-id']).toBe('corr.abc-123_X');
    expect(response.body).toEqual({ correlationId: 'corr.abc-123_X' });

    const handled = await waitFor(() => lines.find((l) => l['msg'] === 'probe handled'));
    expect(handled).toMatchObject({ service: 'registration', correlationId: 'corr.abc-123_X', context: 'ProbeController' });
    const completed = await waitFor(() =>
      lines.find((l) => l['msg'] === 'request completed' && l['correlationId'] === 'corr.abc-123_X'),
    );
    expect(completed).toMatchObject({ level: 'info', req: { method: 'GET', url: '/probe' }, res: { statusCode: 200 } });
  });

  it('should replace a missing or unsafe correlation id with a new uuid v7', async () => {
    const uuidV7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
    const unsafe = await request(app.getHttpServer()).get('/probe').set('x-correlation-id', 'x"}, {"injected": 1');
    expect(unsafe.headers['x-correlation-id']).toMatch(uuidV7);
    expect(unsafe.body).toEqual({ correlationId: unsafe.headers['x-correlation-id'] });
    const tooLong = await request(app.getHttpServer()).get('/probe').set('x-correlation-id', 'a'.repeat(65));
    expect(tooLong.headers['x-correlation-id']).toMatch(uuidV7);
    const missing = await request(app.getHttpServer()).get('/probe');
    expect(missing.headers['x-correlation-id']).toMatch(uuidV7);
  });

  it('should keep personal data, bearer tokens and query strings out of the logs', async () => {
    await request(app.getHttpServer())
      .get(`/probe?phone=${encodeURIComponent(PHONE)}`)
      .set('authorization', 'Bearer eyJhbGciOiJIUzI1NiJ9.secret')
      .set('x-correlation-id', 'privacy-check');
    await waitFor(() => lines.find((l) => l['msg'] === 'request completed' && l['correlationId'] === 'privacy-check'));
    const text = raw.join('');
    expect(text).not.toContain(PHONE);
    expect(text).not.toContain(encodeURIComponent(PHONE));
    expect(text).not.toContain(NAME);
    expect(text).not.toContain('eyJhbGciOiJIUzI1NiJ9');
  });

  it('should serve Prometheus metrics at /metrics without logging the scrape', async () => {
    awdaMetrics.eventsPublished.inc({ subject: 'awda.registration.household.registered.v1' });
    const response = await request(app.getHttpServer()).get('/metrics').set('x-correlation-id', 'scrape-1');
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(response.text).toContain(
      'awda_events_published_total{subject="awda.registration.household.registered.v1"} 1',
    );
    expect(lines.some((l) => l['correlationId'] === 'scrape-1')).toBe(false);
  });
});
