import type { Metadata } from 'next';
import { hasRole } from '@/lib/accounts/accounts';
import { MIN_PASSWORD_LENGTH } from '@/lib/accounts/passwords';
import { accountsPageModel } from '@/lib/dashboard/accountsPage';
import { dictionary } from '@/lib/i18n';
import { requestDictionary, requestLocale } from '@/lib/i18n/request';
import { sharedStore } from '@/lib/store/sharedStore';
import { addAccountAction, changeAccountAction } from '../_actions/accounts';
import { DataTable } from '../_components/DataTable';
import { PageMessage } from '../_components/PageMessage';
import { requireReader } from '../_lib/person';
import { AccountRowActions } from './AccountRowActions';
import { AddAccountForm } from './AddAccountForm';
import '../_components/dashboard.css';
import './accounts.css';

export const dynamic = 'force-dynamic';

export async function generateMetadata(): Promise<Metadata> {
  return { title: dictionary(await requestLocale()).accounts.title };
}

/** Admins manage the accounts: the list, adding one, disabling / re-enabling and changing roles (never their own). */
export default async function AccountsPage() {
  const person = await requireReader('/comptes');
  const { locale, t } = await requestDictionary();
  const a = t.accounts;
  if (!person || !hasRole(person, 'admin')) {
    return <PageMessage title={a.title} message={a.forbidden} link={{ href: '/connexion?next=/comptes', text: t.decisions.signIn.signInLink }} />;
  }
  let vm;
  try {
    vm = await accountsPageModel(await sharedStore(), person, locale);
  } catch {
    return <PageMessage title={a.title} message={a.unavailable} />;
  }
  return (
    <>
      <h1>{a.title}</h1>
      <p className="lead">{a.lead}</p>

      <section aria-labelledby="accounts-list-heading">
        <h2 id="accounts-list-heading">{a.listHeading}</h2>
        {vm.rows.length === 0 ? (
          <p>{a.empty}</p>
        ) : (
          <DataTable
            caption={a.caption}
            columns={vm.columns}
            id="accounts"
            rows={vm.rows.map((r) => ({
              key: r.login,
              data: { login: r.login },
              cells: [
                r.login,
                ...r.cells,
                r.own ? (
                  <span key="own" className="hint">
                    {a.row.own}
                  </span>
                ) : (
                  <AccountRowActions
                    key="actions"
                    action={changeAccountAction}
                    login={r.login}
                    role={r.role}
                    disabled={r.disabled}
                    roles={vm.roles}
                    s={a.row}
                  />
                ),
              ],
            }))}
          />
        )}
      </section>

      <section aria-labelledby="accounts-add-heading">
        <h2 id="accounts-add-heading">{a.add.heading}</h2>
        <AddAccountForm action={addAccountAction} roles={vm.roles} minPassword={MIN_PASSWORD_LENGTH} s={a.add} />
      </section>
    </>
  );
}
