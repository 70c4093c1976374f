import Link from 'next/link';
import type { ReactNode } from 'react';
import type { Person } from '@/lib/accounts/accounts';
import { fill } from '@/lib/dashboard/text';
import type { Dictionary, Locale } from '@/lib/i18n';
import { LanguageSwitch } from './LanguageSwitch';
import { SiteNav } from './SiteNav';

/** Sticky header: brand, main navigation, an optional status slot (e.g. the selected client's decision) and the language switch. */
export function SiteHeader({
  t,
  locale,
  onSwitchLocale,
  status,
  person,
  onSignOut,
}: {
  t: Dictionary;
  locale: Locale;
  onSwitchLocale: (formData: FormData) => Promise<void>;
  status?: ReactNode;
  person?: Person | null;
  onSignOut?: () => Promise<void>;
}) {
  const items = [
    { href: '/dashboard', label: t.nav.dashboard },
    { href: '/modele', label: t.nav.model },
    { href: '/surveillance', label: t.monitoring.nav },
    { href: '/donnees', label: t.nav.data },
    { href: '/veille', label: t.nav.watch },
    { href: '/api-docs', label: t.nav.api },
    ...(person && person.role !== 'analyst' ? [{ href: '/audit', label: t.decisions.audit.title }] : []),
    ...(person?.role === 'admin' ? [{ href: '/comptes', label: t.nav.accounts }] : []),
  ];
  const s = t.decisions.signIn;
  return (
    <header className="site-header">
      <div className="site-header__inner">
        <Link href="/" className="site-header__brand">
          {t.meta.title}
        </Link>
        <SiteNav items={items} label={t.nav.label} />
        <div className="site-header__tools">
          {/* Pages with a selected client portal its decision here (HeaderStatus), so it stays visible while scrolling. */}
          <div id="site-header-status" className="header-status">
            {status}
          </div>
          {person ? (
            <form action={onSignOut} className="site-header__person">
              <span>{fill(s.signedInAs, { name: person.displayName, role: t.decisions.roles[person.role] })}</span>{' '}
              <button type="submit" className="link-button">
                {s.signOut}
              </button>
            </form>
          ) : (
            <Link href="/connexion" className="site-header__person">
              {s.signInLink}
            </Link>
          )}
          <LanguageSwitch current={locale} label={t.common.switchTo} ariaLabel={t.common.switchToLabel} action={onSwitchLocale} />
        </div>
      </div>
    </header>
  );
}
