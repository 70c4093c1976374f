'use server';

import { revalidatePath } from 'next/cache';
import {
  accountProblemField,
  type AccountChange,
  AccountError,
  type AccountProblem,
  addAccount,
  changeAccount,
  hasRole,
  isRole,
  newAccountProblems,
  normaliseLogin,
  type Person,
} from '@/lib/accounts/accounts';
import { MIN_PASSWORD_LENGTH } from '@/lib/accounts/passwords';
import { dictionary, type Dictionary } from '@/lib/i18n';
import { fill } from '@/lib/i18n/intl';
import { requestLocale } from '@/lib/i18n/request';
import { StoreUnavailableError } from '@/lib/store/errors';
import { sharedStore } from '@/lib/store/sharedStore';
import { currentPerson } from '../_lib/person';

/**
 * The admins' account management (/comptes). Every call reads the signed-in person from the
 * session and requires the admin role again: the page's forms are never trusted (a hidden login,
 * a role value, even the form's presence). Passwords are hashed by lib/accounts and never logged,
 * returned or echoed back into the form. Cross-site posts never reach here: Next.js refuses server
 * actions whose Origin is not this site, and the session cookie is SameSite=Lax.
 */

export type AddAccountField = 'login' | 'role' | 'password' | 'confirm';

export interface AddAccountState {
  readonly status: 'added' | 'invalid' | 'forbidden' | 'unavailable';
  /** The sentence to show: what was added, or why nothing was. */
  readonly message?: string;
  /** Invalid inputs, each named by its field, in the form's order. */
  readonly errors?: readonly { readonly field: AddAccountField; readonly message: string }[];
  /** What was submitted, passwords excepted, so that the form shows it again after a refusal. */
  readonly values?: { readonly login: string; readonly displayName: string; readonly role: string };
}

export interface ChangeAccountState {
  readonly status: 'done' | 'refused' | 'forbidden' | 'unavailable';
  readonly message: string;
}

type AccountTexts = Dictionary['accounts'];

const field = (formData: FormData, name: string, max: number) => {
  const v = formData.get(name);
  return typeof v === 'string' ? v.slice(0, max) : '';
};

/** The signed-in admin, or null (not signed in, another role, or the store unreachable). */
async function signedInAdmin(): Promise<Person | null> {
  const person = await currentPerson();
  return person && hasRole(person, 'admin') ? person : null;
}

function problemText(a: AccountTexts, problem: Exclude<AccountProblem, 'forbidden'>): string {
  return fill(a.errors[problem], { min: MIN_PASSWORD_LENGTH });
}

const problemField = (problem: AccountProblem): AddAccountField => accountProblemField(problem) ?? 'login';

/** Any failure but a refusal answers "unavailable" (an alert on the page, never a 500); one that is not the store's is logged, by its message only (never the form). */
function logFailure(what: string, err: unknown): void {
  if (!(err instanceof StoreUnavailableError)) console.error(`[accounts] ${what} failed: ${err instanceof Error ? err.message : String(err)}`);
}

/** Adds an account from the page's form (login, display name, role, initial password twice). */
export async function addAccountAction(_previous: AddAccountState | null, formData: FormData): Promise<AddAccountState> {
  const t = dictionary(await requestLocale());
  const a = t.accounts;
  if (!(await signedInAdmin())) return { status: 'forbidden', message: a.errors.forbidden };
  const values = { login: field(formData, 'login', 80), displayName: field(formData, 'displayName', 80), role: field(formData, 'role', 20) };
  const password = field(formData, 'password', 256);
  const confirm = field(formData, 'confirm', 256);
  const errors: { field: AddAccountField; message: string }[] = newAccountProblems({ ...values, password }).map((p) => ({
    field: problemField(p),
    message: problemText(a, p),
  }));
  if (password !== confirm) errors.push({ field: 'confirm', message: a.errors.confirm });
  if (errors.length > 0 || !isRole(values.role)) return { status: 'invalid', errors, values };
  try {
    const account = await addAccount(await sharedStore(), { login: values.login, displayName: values.displayName, role: values.role, password });
    revalidatePath('/comptes');
    return { status: 'added', message: fill(a.add.added, { login: account.login, role: t.decisions.roles[account.role] }) };
  } catch (err) {
    if (err instanceof AccountError && err.problem !== 'forbidden')
      return { status: 'invalid', errors: [{ field: problemField(err.problem), message: problemText(a, err.problem) }], values };
    logFailure('add', err);
    return { status: 'unavailable', message: a.errors.unavailable, values };
  }
}

/** Disables, re-enables or re-roles someone else's account (one row of the page's table). */
export async function changeAccountAction(_previous: ChangeAccountState | null, formData: FormData): Promise<ChangeAccountState> {
  const t = dictionary(await requestLocale());
  const a = t.accounts;
  const admin = await signedInAdmin();
  if (!admin) return { status: 'forbidden', message: a.errors.forbidden };
  const login = field(formData, 'login', 80);
  const intent = field(formData, 'intent', 20);
  const role = field(formData, 'role', 20);
  let change: AccountChange;
  if (intent === 'disable' || intent === 'enable') change = { action: intent };
  else if (intent === 'role' && isRole(role)) change = { action: 'role', role };
  else return { status: 'refused', message: a.errors['role-invalid'] };
  try {
    await changeAccount(await sharedStore(), admin, login, change);
  } catch (err) {
    if (err instanceof AccountError)
      return err.problem === 'forbidden'
        ? { status: 'forbidden', message: a.errors.forbidden }
        : { status: 'refused', message: problemText(a, err.problem) };
    logFailure(intent, err);
    return { status: 'unavailable', message: a.errors.unavailable };
  }
  revalidatePath('/comptes');
  const name = { login: normaliseLogin(login) };
  return {
    status: 'done',
    message:
      change.action === 'disable'
        ? fill(a.row.disabled, name)
        : change.action === 'enable'
          ? fill(a.row.enabled, name)
          : fill(a.row.roleChanged, { ...name, role: t.decisions.roles[change.role] }),
  };
}
