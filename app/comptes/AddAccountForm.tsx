'use client';

import { useActionState, useEffect, useRef } from 'react';
import { fill } from '@/lib/dashboard/text';
import type { AddAccountField, AddAccountState } from '../_actions/accounts';
import { AlertMessage, ErrorSummary, type FormAction } from '../_components/FormAlerts';

export interface AddAccountStrings {
  readonly login: string;
  readonly loginHint: string;
  readonly displayName: string;
  readonly role: string;
  readonly password: string;
  readonly passwordHint: string;
  readonly confirm: string;
  readonly submit: string;
  readonly errorSummary: string;
}

export interface RoleChoice {
  readonly value: string;
  readonly label: string;
  readonly hint: string;
}

/** The admins' form to add an account: each refused input says why next to itself and in a summary that takes the focus. */
export function AddAccountForm({
  action,
  roles,
  minPassword,
  s,
}: {
  action: FormAction<AddAccountState>;
  roles: readonly RoleChoice[];
  minPassword: number;
  s: AddAccountStrings;
}) {
  const [state, formAction, pending] = useActionState(action, null);
  const summaryRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (state?.status === 'invalid') summaryRef.current?.focus();
  }, [state]);
  const errorOf = (f: AddAccountField) => (state?.status === 'invalid' ? state.errors?.find((e) => e.field === f)?.message : undefined);
  const target = (f: AddAccountField) => (f === 'role' ? `account-role-${roles[0]?.value}` : `account-${f}`);
  // React resets a form after its action: the defaults are what was submitted (passwords never), so a refused form keeps its inputs.
  const v = state?.values;
  const describedBy = (f: AddAccountField, hint?: boolean) =>
    [hint ? `account-${f}-hint` : '', errorOf(f) ? `account-${f}-error` : ''].filter(Boolean).join(' ') || undefined;
  const fieldError = (f: AddAccountField) => {
    const message = errorOf(f);
    return message ? (
      <span id={`account-${f}-error`} className="field-error">
        {message}
      </span>
    ) : null;
  };
  const chosenRole = v?.role ?? roles[0]?.value;
  return (
    <form key={state ? JSON.stringify(v ?? null) : 'initial'} action={formAction} className="panel account-form" aria-busy={pending} noValidate>
      {state?.status === 'added' ? (
        <p role="status" className="notice-ok">
          {state.message}
        </p>
      ) : state?.status === 'forbidden' || state?.status === 'unavailable' ? (
        <AlertMessage message={state.message} />
      ) : null}
      {state?.status === 'invalid' && state.errors && state.errors.length > 0 ? (
        <ErrorSummary heading={s.errorSummary} errors={state.errors} target={target} id="account-errors" focusRef={summaryRef} />
      ) : null}
      <div className="field">
        <label htmlFor="account-login">{s.login}</label>
        <span id="account-login-hint" className="hint">
          {s.loginHint}
        </span>
        {fieldError('login')}
        <input
          id="account-login"
          name="login"
          type="text"
          required
          maxLength={40}
          autoComplete="off"
          autoCapitalize="none"
          spellCheck={false}
          defaultValue={v?.login ?? ''}
          aria-describedby={describedBy('login', true)}
          aria-invalid={errorOf('login') ? true : undefined}
        />
      </div>
      <div className="field">
        <label htmlFor="account-displayName">{s.displayName}</label>
        <input id="account-displayName" name="displayName" type="text" maxLength={80} autoComplete="off" defaultValue={v?.displayName ?? ''} />
      </div>
      <fieldset className="field account-roles" aria-describedby={describedBy('role')}>
        <legend>{s.role}</legend>
        {fieldError('role')}
        {roles.map((r) => (
          <div key={r.value} className="choice">
            <input
              type="radio"
              id={`account-role-${r.value}`}
              name="role"
              value={r.value}
              defaultChecked={r.value === chosenRole}
              aria-describedby={`account-role-${r.value}-hint`}
            />{' '}
            <label htmlFor={`account-role-${r.value}`}>{r.label}</label>{' '}
            <span id={`account-role-${r.value}-hint`} className="hint">
              {r.hint}
            </span>
          </div>
        ))}
      </fieldset>
      <div className="field">
        <label htmlFor="account-password">{s.password}</label>
        <span id="account-password-hint" className="hint">
          {fill(s.passwordHint, { min: minPassword })}
        </span>
        {fieldError('password')}
        <input
          id="account-password"
          name="password"
          type="password"
          required
          minLength={minPassword}
          maxLength={256}
          autoComplete="new-password"
          aria-describedby={describedBy('password', true)}
          aria-invalid={errorOf('password') ? true : undefined}
        />
      </div>
      <div className="field">
        <label htmlFor="account-confirm">{s.confirm}</label>
        {fieldError('confirm')}
        <input
          id="account-confirm"
          name="confirm"
          type="password"
          required
          maxLength={256}
          autoComplete="new-password"
          aria-describedby={describedBy('confirm')}
          aria-invalid={errorOf('confirm') ? true : undefined}
        />
      </div>
      <div className="button-row">
        <button type="submit" className="button button--primary" disabled={pending}>
          {s.submit}
        </button>
      </div>
    </form>
  );
}
