/** The session cookie: HttpOnly (no script reads it), SameSite=Lax (not sent on cross-site posts), Secure behind HTTPS. */
export const SESSION_COOKIE = 'insight_session';

export function sessionCookieOptions(secure: boolean, expires: Date) {
  return { httpOnly: true, sameSite: 'lax' as const, secure, path: '/', expires };
}

/** Whether the browser reached us over HTTPS (directly or through a trusted proxy that says so). */
export function viaHttps(headers: { get(name: string): string | null }): boolean {
  return headers.get('x-forwarded-proto') === 'https' || (headers.get('origin') ?? '').startsWith('https://');
}
