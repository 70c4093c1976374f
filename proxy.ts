import { type NextRequest, NextResponse } from 'next/server';
import { isLocale, LOCALE_COOKIE, LOCALE_COOKIE_OPTIONS } from '@/lib/i18n';

/**
 * `?lang=en` / `?lang=fr` on any page: the page is drawn in that language and the choice is
 * remembered (the same cookie as the language switch), so that a link shared in English opens
 * in English. Runs only for page requests that carry the parameter.
 */
export function proxy(request: NextRequest): NextResponse {
  const lang = request.nextUrl.searchParams.get('lang');
  if (!isLocale(lang)) return NextResponse.next();
  // The page rendered for this very request reads the cookie: set it on the request too.
  request.cookies.set(LOCALE_COOKIE, lang);
  const response = NextResponse.next({ request: { headers: request.headers } });
  response.cookies.set(LOCALE_COOKIE, lang, LOCALE_COOKIE_OPTIONS);
  return response;
}

export const config = {
  matcher: [{ source: '/((?!api/|_next/).*)', has: [{ type: 'query', key: 'lang' }] }],
};
