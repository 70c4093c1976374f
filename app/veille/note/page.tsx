import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import Link from 'next/link';
import { dictionary } from '@/lib/i18n';
import { requestDictionary, requestLocale } from '@/lib/i18n/request';
import { loadWatchNote } from '@/lib/nlp/watchLoader';
import { PrintButton } from '../../_components/PrintButton';
import { ModelTable } from '../../_components/DataTable';
import { Paragraphs } from '../../_components/Paragraphs';
import '../../_components/dashboard.css';
import '../../_components/veille/veille.css';
import { requireReader } from '../../_lib/person';

export const dynamic = 'force-dynamic';

export async function generateMetadata(): Promise<Metadata> {
  const t = dictionary(await requestLocale()).watch.note;
  return { title: t.title, description: t.metaDescription };
}

const SECTIONS = ['data', 'preprocessing', 'models', 'protocol', 'evaluation', 'results', 'interpretability', 'limits', 'references'] as const;

/** A section of the note: anchor note-<k>, its title, its paragraphs (if any) then the rest. */
function NoteSection({
  k,
  heading,
  paragraphs,
  children,
}: {
  k: (typeof SECTIONS)[number];
  heading: string;
  paragraphs?: readonly string[];
  children?: ReactNode;
}) {
  return (
    <section id={`note-${k}`} aria-labelledby={`note-${k}-h`}>
      <h2 id={`note-${k}-h`}>{heading}</h2>
      {paragraphs ? <Paragraphs items={paragraphs} /> : null}
      {children}
    </section>
  );
}

export default async function WatchNotePage() {
  await requireReader('/veille/note');
  const { locale, t } = await requestDictionary();
  const w = t.watch;
  const n = w.note;
  const { page, note } = await loadWatchNote(locale);
  const r = page.results;
  const s = n.sections;
  return (
    <article className="note">
      <p className="no-print">
        <Link href="/veille">{n.backLink}</Link>
      </p>
      <h1>{n.title}</h1>
      {note.generated ? <p className="hint">{note.generated}</p> : null}
      {page.metrics.ok && page.metrics.quick ? (
        <p className="notice" role="note">
          {w.quickWarning}
        </p>
      ) : null}
      {note.pending ? (
        <p className="notice" role="status">
          {note.pending}
        </p>
      ) : null}
      <PrintButton label={n.print} />

      <nav className="note-toc" aria-labelledby="note-toc-heading">
        <h2 id="note-toc-heading">{n.toc}</h2>
        <ol>
          {SECTIONS.map((k) => (
            <li key={k}>
              <a href={`#note-${k}`}>{s[k]}</a>
            </li>
          ))}
        </ol>
      </nav>

      <NoteSection k="data" heading={s.data} paragraphs={note.data}>
        <p>{page.dataset.lengths}</p>
        <ModelTable table={note.tables.lengths} />
      </NoteSection>
      <NoteSection k="preprocessing" heading={s.preprocessing} paragraphs={note.preprocessing} />
      <NoteSection k="models" heading={s.models} paragraphs={note.models} />
      <NoteSection k="protocol" heading={s.protocol} paragraphs={note.protocol}>
        {note.tables.recipes ? <ModelTable table={note.tables.recipes} /> : null}
      </NoteSection>
      <NoteSection k="evaluation" heading={s.evaluation} paragraphs={note.evaluation} />

      <NoteSection k="results" heading={s.results}>
        <p>{n.resultsIntro}</p>
        {r ? (
          <>
            {r.notices.map((x) => (
              <p key={x} className="notice">
                {x}
              </p>
            ))}
            <p>
              <strong>{r.winner}</strong> {r.bertVsRoberta}
            </p>
            {r.winnerName ? <p>{r.winnerName}</p> : null}
            {r.seedStudy ? <p>{r.seedStudy}</p> : null}
            <ul>
              {r.targets.map((tg) => (
                <li key={tg.text}>
                  {tg.text} — <strong>{tg.statusText}</strong> ({tg.value})
                </li>
              ))}
            </ul>
            {note.tables.comparison ? <ModelTable table={note.tables.comparison} bestLabel={w.results.best} /> : null}
            <p className="hint">{r.latencySource}</p>
            <p className="hint">{r.perClassNote}</p>
            <p className="hint">{r.trainTimeNote}</p>
            <h3>{w.results.confusionHeading}</h3>
            <p>{w.results.confusionIntro}</p>
            {note.tables.confusion.map((tb) => (
              <ModelTable key={tb.id} table={tb} />
            ))}
            {r.accuracyFigure ? (
              <>
                <h3>{w.results.pretrainingHeading}</h3>
                <p>{r.lossFigure?.caption}</p>
                <p>{r.accuracyFigure.caption}</p>
              </>
            ) : null}
            {note.tables.ablation ? (
              <>
                <h3>{w.results.ablationHeading}</h3>
                <ModelTable table={note.tables.ablation} />
                {r.ablationSentences.map((x) => (
                  <p key={x}>{x}</p>
                ))}
              </>
            ) : null}
          </>
        ) : null}
      </NoteSection>
      <NoteSection k="interpretability" heading={s.interpretability} paragraphs={note.interpretability} />

      <NoteSection k="limits" heading={s.limits}>
        <p className="no-print">{n.limitsIntro}</p>
        <ul>
          {w.conclusion.limits.map((l) => (
            <li key={l}>{l}</li>
          ))}
        </ul>
        {page.conclusion.scale ? <p>{page.conclusion.scale}</p> : null}
        <Paragraphs items={w.conclusion.checkpoints} />
        <h3>{w.conclusion.recommendationHeading}</h3>
        <p>{page.conclusion.recommendation}</p>
      </NoteSection>

      <NoteSection k="references" heading={s.references}>
        <ul>
          {w.concepts.references.items.map((ref) => (
            <li key={ref} lang="en">
              {ref}
            </li>
          ))}
        </ul>
      </NoteSection>
    </article>
  );
}
