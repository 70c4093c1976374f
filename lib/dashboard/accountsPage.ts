import { type Account, listAccounts, type Person, type Role, ROLES } from '../accounts/accounts';
import { dictionary, type Locale } from '../i18n';
import type { StoreConnection } from '../store/database';
import { formatUtcMinute } from './format';

/** The admins' /comptes page: every account, by login, with what the person viewing may do to it. */

export interface AccountRow {
  readonly login: string;
  readonly role: Role;
  readonly disabled: boolean;
  /** The viewer's own account: shown, never disabled nor re-roled from the page. */
  readonly own: boolean;
  /** Display name, role, status, creation time (UTC), after the login (the row's header). */
  readonly cells: readonly string[];
}

export interface AccountsPageModel {
  readonly columns: readonly string[];
  readonly rows: readonly AccountRow[];
  /** The roles, in order, with their words and what each may do. */
  readonly roles: readonly { readonly value: Role; readonly label: string; readonly hint: string }[];
}

export function accountsView(accounts: readonly Account[], viewer: Pick<Person, 'login'>, locale: Locale): AccountsPageModel {
  const t = dictionary(locale);
  const a = t.accounts;
  return {
    columns: [a.columns.login, a.columns.displayName, a.columns.role, a.columns.status, a.columns.createdAt, a.columns.actions],
    rows: accounts.map((x) => {
      const own = x.login === viewer.login;
      return {
        login: x.login,
        role: x.role,
        disabled: x.disabled,
        own,
        cells: [
          own ? `${x.displayName} (${a.you})` : x.displayName,
          t.decisions.roles[x.role] ?? x.role,
          x.disabled ? a.disabled : a.active,
          formatUtcMinute(x.createdAt),
        ],
      };
    }),
    roles: ROLES.map((r) => ({ value: r, label: t.decisions.roles[r], hint: a.roleHints[r] })),
  };
}

export async function accountsPageModel(store: StoreConnection, viewer: Pick<Person, 'login'>, locale: Locale): Promise<AccountsPageModel> {
  return accountsView(await listAccounts(store), viewer, locale);
}
