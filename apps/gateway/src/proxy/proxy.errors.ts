import type { IncomingHttpHeaders, ServerResponse } from 'node:http';

export const PROXY_ERRORS = {
  UNKNOWN_SERVICE: 'GATEWAY.UNKNOWN_SERVICE',
  BAD_PATH: 'GATEWAY.BAD_PATH',
  UNAVAILABLE: 'GATEWAY.SERVICE_UNAVAILABLE',
  TIMEOUT: 'GATEWAY.SERVICE_TIMEOUT',
} as const;

export interface ProxyFailure {
  statusCode: number;
  code: string;
  message: string;
}

export function serviceUnavailable(service: string): ProxyFailure {
  return {
    statusCode: 503,
    code: PROXY_ERRORS.UNAVAILABLE,
    message: `The ${service} service cannot be reached right now; nothing was changed. Try again in a moment`,
  };
}

export function serviceTimeout(service: string): ProxyFailure {
  return {
    statusCode: 504,
    code: PROXY_ERRORS.TIMEOUT,
    message: `The ${service} service did not answer in time; check the result before trying again`,
  };
}

/** A browser navigation (a link, the address bar) gets a page; the console's fetch calls get JSON. */
export function wantsPage(headers: IncomingHttpHeaders): boolean {
  if (headers['sec-fetch-mode'] === 'navigate') return true;
  const accept = headers.accept ?? '';
  return accept.includes('text/html') && !accept.includes('application/json');
}

const PAGE_TEXT: Record<number, { ar: string; en: string }> = {
  503: { ar: 'الخدمة غير متاحة الآن. لم يتغيّر شيء. حاول مرة أخرى بعد قليل.', en: 'This part of Awda cannot be reached right now. Nothing was changed. Try again in a moment.' },
  504: { ar: 'لم تُجب الخدمة في الوقت المحدد. تحقّق من النتيجة قبل المحاولة مرة أخرى.', en: 'This part of Awda did not answer in time. Check the result before trying again.' },
};

/** Answers a failed proxied call as JSON, or as a short page in Arabic and English for a navigation. */
export function sendFailure(headers: IncomingHttpHeaders, response: ServerResponse, failure: ProxyFailure): void {
  if (response.headersSent) {
    response.destroy();
    return;
  }
  response.statusCode = failure.statusCode;
  response.setHeader('Cache-Control', 'no-store');
  if (failure.statusCode === 503) response.setHeader('Retry-After', '5');
  const text = PAGE_TEXT[failure.statusCode];
  if (text !== undefined && wantsPage(headers)) {
    response.setHeader('Content-Type', 'text/html; charset=utf-8');
    response.end(
      `<!doctype html><html lang="ar" dir="rtl"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">` +
        `<title>Awda — ${failure.statusCode}</title></head><body style="font-family:sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem">` +
        `<h1>عودة</h1><p>${text.ar}</p><p dir="ltr" lang="en">${text.en}</p><p><a href="/">الرجوع / Back</a></p></body></html>`,
    );
    return;
  }
  response.setHeader('Content-Type', 'application/json; charset=utf-8');
  response.end(JSON.stringify(failure));
}
