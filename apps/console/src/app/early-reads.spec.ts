// The household page's reads started by the entry: which, and handed over once.
import { afterEach, describe, expect, it } from '@jest/globals';
import { ApiError } from '../api/errors';
import { clearEarlyReads, earlyAnswerNow, earlyReadsFor, startEarlyReads, takeEarlyRead } from './early-reads';

const ID = '01a24c75-79b0-718f-8a27-151199727d2c';
const realFetch = globalThis.fetch;

function answering(status: number, body: unknown): string[] {
  const asked: string[] = [];
  globalThis.fetch = ((url: string) => {
    asked.push(url);
    return Promise.resolve(new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } }));
  }) as typeof fetch;
  return asked;
}

afterEach(() => {
  globalThis.fetch = realFetch;
  clearEarlyReads();
});

describe('early reads', () => {
  it('should read the household, its assessment and the areas for a household page only', () => {
    expect(earlyReadsFor(`/households/${ID}`)).toEqual([`/api/registration/households/${ID}`, `/api/eligibility/assessments/${ID}`, '/api/registration/areas']);
    expect(earlyReadsFor('/households/new')).toEqual([]);
    expect(earlyReadsFor('/households')).toEqual([]);
    expect(earlyReadsFor('/signin')).toEqual([]);
  });

  it('should hand an answer over once', async () => {
    const asked = answering(200, { id: ID });
    startEarlyReads(`/households/${ID}`);
    expect(asked).toHaveLength(3);
    await expect(takeEarlyRead(`/api/registration/households/${ID}`)).resolves.toEqual({ body: { id: ID } });
    await expect(takeEarlyRead(`/api/registration/households/${ID}`)).resolves.toBeNull();
    await expect(takeEarlyRead('/api/registration/somewhere-else')).resolves.toBeNull();
  });

  it('should hand a refusal over as an ApiError, and leave a 401 to the page', async () => {
    answering(404, { statusCode: 404, code: 'ELIGIBILITY.NOT_ASSESSED', message: 'not yet' });
    startEarlyReads(`/households/${ID}`);
    const refusal = await takeEarlyRead(`/api/eligibility/assessments/${ID}`).catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(ApiError);
    expect((refusal as ApiError).code).toBe('ELIGIBILITY.NOT_ASSESSED');
    clearEarlyReads();
    answering(401, { statusCode: 401, code: 'AUTH.SESSION_REQUIRED', message: 'sign in' });
    startEarlyReads(`/households/${ID}`);
    await expect(takeEarlyRead(`/api/registration/households/${ID}`)).resolves.toBeNull();
  });

  it('should hand over an answer that has come at once, once, and nothing before it has come or when it failed', async () => {
    const arrive = new Map<string, (response: Response) => void>();
    globalThis.fetch = ((asked: string) => new Promise<Response>((resolve) => arrive.set(asked, resolve))) as typeof fetch;
    startEarlyReads(`/households/${ID}`);
    const url = `/api/registration/households/${ID}`;
    expect(earlyAnswerNow(url)).toBeUndefined();
    const before = Date.now();
    arrive.get(url)?.(new Response(JSON.stringify({ id: ID }), { status: 200 }));
    await new Promise((resolve) => setTimeout(resolve, 10));
    const now = earlyAnswerNow<{ id: string }>(url);
    expect(now?.body).toEqual({ id: ID });
    expect(now?.at).toBeGreaterThanOrEqual(before);
    expect(earlyAnswerNow(url)).toBeUndefined();
    await expect(takeEarlyRead(url)).resolves.toBeNull();

    clearEarlyReads();
    answering(404, { statusCode: 404, code: 'ELIGIBILITY.NOT_ASSESSED', message: 'not yet' });
    startEarlyReads(`/households/${ID}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(earlyAnswerNow(`/api/eligibility/assessments/${ID}`)).toBeUndefined();
    await expect(takeEarlyRead(`/api/eligibility/assessments/${ID}`)).rejects.toBeInstanceOf(ApiError);
  });
});
