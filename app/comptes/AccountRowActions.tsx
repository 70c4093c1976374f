'use client';

import { useActionState } from 'react';
import { fill } from '@/lib/dashboard/text';
import type { ChangeAccountState } from '../_actions/accounts';
import { AlertMessage, type FormAction } from '../_components/FormAlerts';
import { Choices } from '../_components/SelectField';
import type { RoleChoice } from './AddAccountForm';

export interface AccountRowStrings {
  readonly disable: string;
  readonly disableLabel: string;
  readonly enable: string;
  readonly enableLabel: string;
  readonly newRole: string;
  readonly changeRole: string;
  readonly changeRoleLabel: string;
}

/** One account's controls in the table: disable or re-enable, change the role; the outcome is announced in the row. */
export function AccountRowActions({
  action,
  login,
  role,
  disabled,
  roles,
  s,
}: {
  action: FormAction<ChangeAccountState>;
  login: string;
  role: string;
  disabled: boolean;
  roles: readonly RoleChoice[];
  s: AccountRowStrings;
}) {
  const [state, formAction, pending] = useActionState(action, null);
  const selectId = `account-${login}-role`;
  return (
    <div className="account-actions">
      <form action={formAction} aria-busy={pending}>
        <input type="hidden" name="login" value={login} />
        <input type="hidden" name="intent" value={disabled ? 'enable' : 'disable'} />
        <button type="submit" className="button" disabled={pending} aria-label={fill(disabled ? s.enableLabel : s.disableLabel, { login })}>
          {disabled ? s.enable : s.disable}
        </button>
      </form>
      <form key={role} action={formAction} aria-busy={pending}>
        <input type="hidden" name="login" value={login} />
        <input type="hidden" name="intent" value="role" />
        <label htmlFor={selectId} className="visually-hidden">
          {fill(s.newRole, { login })}
        </label>
        <select id={selectId} name="role" defaultValue={role}>
          <Choices items={roles} />
        </select>{' '}
        <button type="submit" className="button" disabled={pending} aria-label={fill(s.changeRoleLabel, { login })}>
          {s.changeRole}
        </button>
      </form>
      <p role="status" className="account-actions__status">
        {state?.status === 'done' ? state.message : ''}
      </p>
      <AlertMessage message={state && state.status !== 'done' ? state.message : null} />
    </div>
  );
}
