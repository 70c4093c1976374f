import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { dictionary } from '@/lib/i18n';
import { requestDictionary, requestLocale } from '@/lib/i18n/request';
import { signOutAction } from './_actions/session';
import { setLocale } from './_actions/setLocale';
import { currentPerson } from './_lib/person';
import { SiteHeader } from './_components/SiteHeader';
import './globals.css';

export async function generateMetadata(): Promise<Metadata> {
  const t = dictionary(await requestLocale());
  return { title: { default: t.meta.title, template: `%s · ${t.meta.title}` }, description: t.meta.description };
}

export default async function RootLayout({ children }: { children: ReactNode }) {
  const { locale, t } = await requestDictionary();
  const person = await currentPerson();
  return (
    <html lang={locale}>
      <body>
        <a href="#main" className="skip-link">
          {t.common.skipToContent}
        </a>
        <SiteHeader t={t} locale={locale} onSwitchLocale={setLocale} person={person} onSignOut={signOutAction} />
        <main id="main" tabIndex={-1}>
          {children}
        </main>
      </body>
    </html>
  );
}
