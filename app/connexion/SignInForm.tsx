'use client';

import { useActionState } from 'react';
import { fill } from '@/lib/dashboard/text';
import type { SignInState } from '../_actions/session';
import { AlertMessage, type FormAction } from '../_components/FormAlerts';

export interface SignInStrings {
  readonly login: string;
  readonly password: string;
  readonly submit: string;
  readonly failed: string;
  readonly tooMany: string;
  readonly unavailable: string;
}

export function SignInForm({ action, next, s }: { action: FormAction<SignInState>; next: string; s: SignInStrings }) {
  const [state, formAction, pending] = useActionState(action, null);
  const message =
    state?.status === 'failed'
      ? s.failed
      : state?.status === 'too-many'
        ? fill(s.tooMany, { minutes: state.minutes ?? 15 })
        : state?.status === 'unavailable'
          ? s.unavailable
          : null;
  return (
    <form action={formAction} className="panel sign-in" aria-busy={pending}>
      <AlertMessage message={message} />
      <input type="hidden" name="next" value={next} />
      <p>
        <label htmlFor="sign-in-login">{s.login}</label>
        <input id="sign-in-login" name="login" autoComplete="username" required maxLength={80} />
      </p>
      <p>
        <label htmlFor="sign-in-password">{s.password}</label>
        <input id="sign-in-password" name="password" type="password" autoComplete="current-password" required maxLength={256} />
      </p>
      <button type="submit" disabled={pending}>
        {s.submit}
      </button>
    </form>
  );
}
