import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import type { Person } from '@/lib/accounts/accounts';
import { sessionPerson } from '@/lib/accounts/accounts';
import { SESSION_COOKIE } from '@/lib/accounts/sessionCookie';
import { appConfig } from '@/lib/config';
import { sharedStore } from '@/lib/store/sharedStore';

/** The signed-in person of this request (session cookie → store), or null; null too when the store is unavailable. */
export async function currentPerson(): Promise<Person | null> {
  const token = (await cookies()).get(SESSION_COOKIE)?.value;
  if (!token) return null;
  try {
    return await sessionPerson(await sharedStore(), token);
  } catch {
    return null;
  }
}

/** For every page: with AUTH_REQUIRED=on, a visitor who is not signed in is sent to the sign-in page. */
export async function requireReader(path: string): Promise<Person | null> {
  const person = await currentPerson();
  if (!person && appConfig().authRequired) redirect(`/connexion?next=${encodeURIComponent(path)}`);
  return person;
}
