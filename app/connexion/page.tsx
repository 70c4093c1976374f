import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { dictionary } from '@/lib/i18n';
import { requestDictionary, requestLocale } from '@/lib/i18n/request';
import { signInAction } from '../_actions/session';
import { currentPerson } from '../_lib/person';
import { SignInForm } from './SignInForm';

export const dynamic = 'force-dynamic';

export async function generateMetadata(): Promise<Metadata> {
  return { title: dictionary(await requestLocale()).decisions.signIn.title };
}

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { t } = await requestDictionary();
  const raw = (await searchParams).next;
  const next = typeof raw === 'string' && /^\/(?![/\\])/.test(raw) ? raw : '/dashboard';
  if (await currentPerson()) redirect(next);
  const s = t.decisions.signIn;
  return (
    <>
      <h1>{s.title}</h1>
      <p className="lead">{s.lead}</p>
      <SignInForm
        action={signInAction}
        next={next}
        s={{ login: s.login, password: s.password, submit: s.submit, failed: s.failed, tooMany: s.tooMany, unavailable: s.unavailable }}
      />
      <p className="hint">{s.firstAccount}</p>
    </>
  );
}
