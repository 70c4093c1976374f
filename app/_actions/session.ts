'use server';

import { cookies, headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { normaliseLogin, signIn, signOut } from '@/lib/accounts/accounts';
import { SESSION_COOKIE, sessionCookieOptions, viaHttps } from '@/lib/accounts/sessionCookie';
import { signInLimiter } from '@/lib/accounts/signInLimiter';
import { clientAddress } from '@/lib/api/auth';
import { sharedStore } from '@/lib/store/sharedStore';

export interface SignInState {
  readonly status: 'failed' | 'too-many' | 'unavailable';
  readonly minutes?: number;
}

/** Only a path of this site (never `//host` or a full URL): where to go after signing in. */
function safeNext(raw: string): string {
  return /^\/(?![/\\])[^\s]*$/.test(raw) ? raw : '/dashboard';
}

/** Signs in; an unknown login and a wrong password get the same answer. Limited per login and per address. */
export async function signInAction(_previous: SignInState | null, formData: FormData): Promise<SignInState> {
  const h = await headers();
  const login = String(formData.get('login') ?? '').slice(0, 80);
  const password = String(formData.get('password') ?? '').slice(0, 256);
  const next = safeNext(String(formData.get('next') ?? '/dashboard'));
  const keys = [`login:${normaliseLogin(login)}`, `ip:${clientAddress(h)}`];
  const limiter = signInLimiter();
  const wait = limiter.retryAfterSeconds(keys);
  if (wait > 0) return { status: 'too-many', minutes: Math.ceil(wait / 60) };
  let session;
  try {
    session = await signIn(await sharedStore(), login, password);
  } catch {
    return { status: 'unavailable' };
  }
  if (!session) {
    limiter.recordFailure(keys);
    return { status: 'failed' };
  }
  limiter.recordSuccess(keys);
  (await cookies()).set(SESSION_COOKIE, session.token, sessionCookieOptions(viaHttps(h), session.expiresAt));
  redirect(next);
}

export async function signOutAction(): Promise<void> {
  const jar = await cookies();
  const token = jar.get(SESSION_COOKIE)?.value;
  jar.delete(SESSION_COOKIE);
  if (token) {
    try {
      await signOut(await sharedStore(), token);
    } catch {
      // The cookie is gone; the stored session expires by itself.
    }
  }
  redirect('/');
}
