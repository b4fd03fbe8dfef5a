import type { ServerResponse } from 'node:http';

const MESSAGES: Record<string, { ar: string; en: string; status: number }> = {
  disabled: { status: 404, ar: 'تسجيل الدخول عبر مزوّد الهوية غير مفعّل هنا.', en: 'Sign-in through an identity provider is not set up here.' },
  unavailable: { status: 503, ar: 'لا يمكن الوصول إلى مزوّد الهوية الآن. حاول بعد قليل.', en: 'The identity provider cannot be reached right now. Try again in a moment.' },
  expired: { status: 400, ar: 'انتهت محاولة تسجيل الدخول أو بدأت في متصفح آخر. ابدأ من جديد.', en: 'This sign-in expired or was started in another browser. Please start again.' },
  refused: { status: 400, ar: 'لم يكتمل تسجيل الدخول عند مزوّد الهوية.', en: 'The identity provider did not complete the sign-in.' },
  no_role: { status: 403, ar: 'حسابك لدى مزوّد الهوية لا يمنحك أي دور في عودة. اطلب ذلك من المسؤول.', en: 'Your account at the identity provider gives you no role in Awda. Ask your administrator.' },
  no_camp: { status: 403, ar: 'حسابك لدى مزوّد الهوية لا يحدّد أي مخيم. اطلب ذلك من المسؤول.', en: 'Your account at the identity provider names no camp. Ask your administrator.' },
  account_disabled: { status: 403, ar: 'تم تعطيل هذا الحساب في عودة. اطلب من المسؤول.', en: 'This account has been disabled in Awda. Ask an administrator.' },
};

export type OidcProblem = keyof typeof MESSAGES;

/** A readable page (Arabic first, then English) for a sign-in through the provider that could not finish. */
export function sendOidcProblem(response: ServerResponse, problem: OidcProblem): void {
  const message = MESSAGES[problem] ?? { status: 400, ar: 'تعذّر تسجيل الدخول.', en: 'The sign-in could not be completed.' };
  response.statusCode = message.status;
  response.setHeader('Content-Type', 'text/html; charset=utf-8');
  response.setHeader('Cache-Control', 'no-store');
  response.end(
    `<!doctype html><html lang="ar" dir="rtl"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">` +
      `<title>Awda — sign-in</title></head><body style="font-family:sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem">` +
      `<h1>عودة</h1><p>${message.ar}</p><p dir="ltr" lang="en">${message.en}</p>` +
      `<p><a href="/">العودة إلى تسجيل الدخول / Back to sign-in</a></p></body></html>`,
  );
}
