import type { Metadata } from 'next';
import Link from 'next/link';
import { dictionary } from '@/lib/i18n';
import { requestDictionary, requestLocale } from '@/lib/i18n/request';
import { loadWatchNote } from '@/lib/nlp/watchLoader';
import { PrintButton } from '../../_components/PrintButton';
import { ModelTable } from '../../_components/DataTable';
import '../../_components/dashboard.css';
import '../../_components/veille/veille.css';
import { requireReader } from '../../_lib/person';

export const dynamic = 'force-dynamic';

export async function generateMetadata(): Promise<Metadata> {
  const t = dictionary(await requestLocale()).watch.note;
  return { title: t.title, description: t.metaDescription };
}

function Paragraphs({ items }: { items: readonly string[] }) {
  return (
    <>
      {items.map((p, i) => (
        <p key={i}>{p}</p>
      ))}
    </>
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
          {(['data', 'preprocessing', 'models', 'protocol', 'evaluation', 'results', 'interpretability', 'limits', 'references'] as const).map(
            (k) => (
              <li key={k}>
                <a href={`#note-${k}`}>{s[k]}</a>
              </li>
            ),
          )}
        </ol>
      </nav>

      <section id="note-data" aria-labelledby="note-data-h">
        <h2 id="note-data-h">{s.data}</h2>
        <Paragraphs items={note.data} />
        <p>{page.dataset.lengths}</p>
        <ModelTable table={note.tables.lengths} />
      </section>

      <section id="note-preprocessing" aria-labelledby="note-preprocessing-h">
        <h2 id="note-preprocessing-h">{s.preprocessing}</h2>
        <Paragraphs items={note.preprocessing} />
      </section>

      <section id="note-models" aria-labelledby="note-models-h">
        <h2 id="note-models-h">{s.models}</h2>
        <Paragraphs items={note.models} />
      </section>

      <section id="note-protocol" aria-labelledby="note-protocol-h">
        <h2 id="note-protocol-h">{s.protocol}</h2>
        <Paragraphs items={note.protocol} />
        {note.tables.recipes ? <ModelTable table={note.tables.recipes} /> : null}
      </section>

      <section id="note-evaluation" aria-labelledby="note-evaluation-h">
        <h2 id="note-evaluation-h">{s.evaluation}</h2>
        <Paragraphs items={note.evaluation} />
      </section>

      <section id="note-results" aria-labelledby="note-results-h">
        <h2 id="note-results-h">{s.results}</h2>
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
      </section>

      <section id="note-interpretability" aria-labelledby="note-interpretability-h">
        <h2 id="note-interpretability-h">{s.interpretability}</h2>
        <Paragraphs items={note.interpretability} />
      </section>

      <section id="note-limits" aria-labelledby="note-limits-h">
        <h2 id="note-limits-h">{s.limits}</h2>
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
      </section>

      <section id="note-references" aria-labelledby="note-references-h">
        <h2 id="note-references-h">{s.references}</h2>
        <ul>
          {w.concepts.references.items.map((ref) => (
            <li key={ref} lang="en">
              {ref}
            </li>
          ))}
        </ul>
      </section>
    </article>
  );
}
