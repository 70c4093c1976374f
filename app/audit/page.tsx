import type { Metadata } from 'next';
import Link from 'next/link';
import { hasRole } from '@/lib/accounts/accounts';
import { auditPageModel, parseAuditQuery } from '@/lib/dashboard/auditPage';
import { dictionary } from '@/lib/i18n';
import { requestDictionary, requestLocale } from '@/lib/i18n/request';
import { sharedStore } from '@/lib/store/sharedStore';
import { DataTable } from '../_components/DataTable';
import { PageMessage } from '../_components/PageMessage';
import { type Choice, Choices } from '../_components/SelectField';
import { requireReader } from '../_lib/person';
import '../_components/dashboard.css';

export const dynamic = 'force-dynamic';

export async function generateMetadata(): Promise<Metadata> {
  return { title: dictionary(await requestLocale()).decisions.audit.title };
}

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** Supervisors' audit trail: filters, override rates, escalation queue, CSV export, chain status. */
export default async function AuditPage({ searchParams }: Props) {
  const person = await requireReader('/audit');
  const { locale, t } = await requestDictionary();
  const a = t.decisions.audit;
  if (!person || !hasRole(person, 'supervisor')) {
    return <PageMessage title={a.title} message={a.forbidden} link={{ href: '/connexion?next=/audit', text: t.decisions.signIn.signInLink }} />;
  }
  const raw = await searchParams;
  const q = parseAuditQuery(raw);
  let vm;
  try {
    vm = await auditPageModel(await sharedStore(), q, locale);
  } catch {
    return <PageMessage title={a.title} message={a.unavailable} />;
  }
  const keep = new URLSearchParams(Object.entries(raw).flatMap(([k, v]) => (typeof v === 'string' && k !== 'cursor' ? [[k, v]] : [])));
  const exportHref = `/audit/export?${keep.toString()}`;
  const nextHref = vm.nextCursor ? `/audit?${new URLSearchParams([...keep, ['cursor', String(vm.nextCursor)]]).toString()}` : null;
  const value = (k: string) => (typeof raw[k] === 'string' ? (raw[k] as string) : '');
  const h = t.decisions.history;
  /** A filter select: « any » first, then the choices; the current value comes from the query. */
  const filter = (name: string, label: string, choices: readonly Choice[]) => (
    <label>
      {label}{' '}
      <select name={name} defaultValue={value(name)}>
        <option value="">{a.any}</option>
        <Choices items={choices} />
      </select>
    </label>
  );
  return (
    <>
      <h1>{a.title}</h1>
      <p className="lead">{a.lead}</p>
      <p role="status" className={vm.chain.ok === false ? 'error-summary' : 'notice-ok'} id="chain-status">
        {vm.chain.text}
      </p>

      <form method="get" className="panel audit-filters" aria-labelledby="audit-filters-heading">
        <h2 id="audit-filters-heading">{a.filters}</h2>
        <label>
          {a.from} <input type="date" name="from" defaultValue={value('from')} />
        </label>{' '}
        <label>
          {a.to} <input type="date" name="to" defaultValue={value('to')} />
        </label>{' '}
        {filter(
          'actor',
          a.actor,
          vm.actors.map((x) => ({ value: x, label: x })),
        )}{' '}
        {filter('decision', a.decision, [
          { value: 'approve', label: h.words.approve },
          { value: 'refuse', label: h.words.refuse },
          { value: 'escalate', label: h.words.escalate },
        ])}{' '}
        {filter('override', a.override, [
          { value: 'true', label: h.yes },
          { value: 'false', label: h.no },
        ])}{' '}
        <button type="submit">{a.apply}</button> <a href={exportHref}>{a.export}</a>
      </form>

      <section aria-labelledby="audit-rates-heading">
        <h2 id="audit-rates-heading">{a.rates}</h2>
        <DataTable
          caption={a.ratesCaption}
          columns={vm.rates.columns}
          id="override-rates"
          numericColumns="all"
          rows={vm.rates.rows.map((r) => ({ key: r.header, cells: [r.header, ...r.cells] }))}
        />
      </section>

      <section aria-labelledby="audit-queue-heading">
        <h2 id="audit-queue-heading">{a.queue}</h2>
        {vm.queue.length === 0 ? (
          <p>{a.queueEmpty}</p>
        ) : (
          <ul id="escalation-queue">
            {vm.queue.map((e) => (
              <li key={e.id}>
                <Link href={`/dashboard/clients/${e.applicationId}#decision-analyste`}>{e.text}</Link>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="audit-records-heading">
        <h2 id="audit-records-heading">{a.records}</h2>
        <DataTable caption={a.records} columns={vm.columns} id="audit-records" rows={vm.rows.map((r) => ({ key: r.id, cells: r.cells }))} />
        {nextHref ? (
          <p>
            <Link href={nextHref}>{a.next} →</Link>
          </p>
        ) : null}
      </section>
    </>
  );
}
