import Link from 'next/link';
import { datasetSummary } from '@/lib/data/summary';
import { intlTag } from '@/lib/i18n';
import { requestDictionary } from '@/lib/i18n/request';
import { requireReader } from './_lib/person';

export const dynamic = 'force-dynamic';

export default async function HomePage() {
  await requireReader('/');
  const { locale, t } = await requestDictionary();
  const summary = datasetSummary();
  const n = new Intl.NumberFormat(intlTag(locale));
  const sections = [
    { href: '/dashboard', ...t.home.sections.dashboard },
    { href: '/modele', ...t.home.sections.model },
    { href: '/surveillance', ...t.monitoring.card },
    { href: '/donnees', ...t.home.sections.data },
    { href: '/veille', ...t.home.sections.watch },
    { href: '/api-docs', ...t.home.sections.api },
  ];
  return (
    <>
      <h1>{t.home.heading}</h1>
      <p className="muted">{t.home.lead}</p>
      <ul className="card-grid">
        {sections.map((s) => (
          <li key={s.href} className="card">
            <h2>
              <Link href={s.href}>{s.title}</Link>
            </h2>
            <p>{s.body}</p>
          </li>
        ))}
      </ul>
      <h2>{t.home.figuresTitle}</h2>
      <ul className="figures">
        <li>
          <strong>{n.format(summary.historicalLoans)}</strong> {t.home.historicalLoans}
        </li>
        <li>
          <strong>{n.format(summary.newApplications)}</strong> {t.home.newApplications}
        </li>
        <li>
          <strong>{n.format(summary.products)}</strong> {t.home.products}
        </li>
      </ul>
    </>
  );
}
