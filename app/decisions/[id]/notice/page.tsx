import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { creditEngineOrNull } from '@/lib/credit/engine';
import { fill } from '@/lib/dashboard/text';
import { noticeFor } from '@/lib/decisions/notice';
import { dictionary, isLocale } from '@/lib/i18n';
import { requestDictionary, requestLocale } from '@/lib/i18n/request';
import { sharedStore } from '@/lib/store/sharedStore';
import { PrintButton } from '../../../_components/PrintButton';
import { requireReader } from '../../../_lib/person';
import '../../../_components/dashboard.css';
import './notice.css';

export const dynamic = 'force-dynamic';

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata(): Promise<Metadata> {
  return { title: dictionary(await requestLocale()).decisions.history.columns.notice };
}

/** The applicant's notice of a decision: a printable A4 letter, in the page's language or `?letter=fr|en`. */
export default async function NoticePage({ params, searchParams }: Props) {
  const { id } = await params;
  await requireReader(`/decisions/${id}/notice`);
  const { locale, t } = await requestDictionary();
  const q = (await searchParams).letter;
  const letterLocale = typeof q === 'string' && isLocale(q) ? q : locale;
  if (!/^[0-9a-f-]{36}$/.test(id)) notFound();
  const engine = await creditEngineOrNull();
  let notice;
  try {
    notice = engine ? await noticeFor(engine, await sharedStore(), id, letterLocale) : undefined;
  } catch {
    return <p role="alert">{t.decisions.audit.unavailable}</p>;
  }
  if (!notice) notFound();
  const p = t.decisions.noticePage;
  return (
    <article className="notice-letter" lang={letterLocale}>
      <p className="no-print">
        <PrintButton label={p.print} />
      </p>
      <p className="notice-letter__date">{notice.date}</p>
      <h1>{notice.title}</h1>
      <p className="notice-letter__outcome">
        <strong>{notice.outcome}</strong>
      </p>
      {notice.reasons.length > 0 ? (
        <>
          <p>{notice.reasonsLead}</p>
          <ol className="notice-letter__reasons">
            {notice.reasons.map((r) => (
              <li key={r.code}>
                <span className="reason-code">{r.code}</span> {r.text}
              </li>
            ))}
          </ol>
        </>
      ) : null}
      {notice.whatCouldChange ? <p>{notice.whatCouldChange}</p> : null}
      <p>{notice.humanReview}</p>
      <footer className="notice-letter__footer">
        <p>{fill(p.reference, { id: notice.reference })}</p>
        <p>{fill(p.model, { name: notice.model.name, version: notice.model.version })}</p>
      </footer>
    </article>
  );
}
