import type { Metadata } from 'next';
import Link from 'next/link';
import { dictionary } from '@/lib/i18n';
import { requestDictionary, requestLocale } from '@/lib/i18n/request';
import { loadWatchPage } from '@/lib/nlp/watchLoader';
import { ChartFigure } from '../_components/charts/ChartFigure';
import { ModelTable } from '../_components/DataTable';
import { DefinitionList } from '../_components/DefinitionList';
import { Paragraphs } from '../_components/Paragraphs';
import { SectionNav } from '../_components/SectionNav';
import { WatchDemo } from '../_components/veille/WatchDemo';
import '../_components/dashboard.css';
import '../_components/veille/veille.css';
import { attentionAction, classifyAction, explainAction } from './actions';
import { requireReader } from '../_lib/person';
import { NLP_MODELS } from '@/lib/nlp/models';

export const dynamic = 'force-dynamic';

export async function generateMetadata(): Promise<Metadata> {
  const t = dictionary(await requestLocale()).watch;
  return { title: t.title, description: t.metaDescription };
}

export default async function WatchPage() {
  await requireReader('/veille');
  const { locale, t } = await requestDictionary();
  const w = t.watch;
  const vm = await loadWatchPage(locale);
  const c = w.concepts;
  const r = vm.results;
  const toggle = w.showData;
  return (
    <article className="watch">
      <h1>{w.title}</h1>
      <p className="lead">{w.lead}</p>
      {vm.metrics.ok ? (
        <>
          {vm.metrics.quick ? (
            <p className="notice" role="note">
              {w.quickWarning}
            </p>
          ) : null}
          <p className="hint">{vm.metrics.generatedAt}</p>
        </>
      ) : (
        <p className="notice" role="status">
          {vm.metrics.pending}
        </p>
      )}
      <p>
        <Link href="/veille/note">{w.noteLink}</Link>
      </p>
      <SectionNav
        label={w.toc.label}
        className="client-toc"
        links={[
          ['#concepts', w.toc.concepts],
          ['#donnees', w.toc.data],
          ['#resultats', w.toc.results],
          ['#demo', w.toc.demo],
          ['#conclusion', w.toc.conclusion],
        ]}
      />

      <section id="concepts" aria-labelledby="concepts-heading">
        <h2 id="concepts-heading">{c.heading}</h2>

        <h3>{c.transformer.heading}</h3>
        <Paragraphs items={c.transformer.paragraphs} className="prose" />

        <h3>{c.attention.heading}</h3>
        <Paragraphs items={c.attention.paragraphs} className="prose" />
        <p className="formula" role="math" aria-label={c.attention.formulaLabel}>
          {c.attention.formula}
        </p>
        {vm.concepts.attention ? (
          <>
            <p className="prose">{vm.concepts.attention.intro}</p>
            <ChartFigure figure={vm.concepts.attention.figure} locale={locale} tableToggle={toggle} headingLevel={4} />
          </>
        ) : (
          <p className="hint">{c.attention.unavailable}</p>
        )}

        <h3>{c.bert.heading}</h3>
        <Paragraphs items={c.bert.paragraphs} className="prose" />
        <dl className="definitions">
          <dt>{c.bert.mlmTitle}</dt>
          <dd>{c.bert.mlm}</dd>
          <dt>{c.bert.nspTitle}</dt>
          <dd>{c.bert.nsp}</dd>
        </dl>

        <h3>{c.roberta.heading}</h3>
        <p className="prose">{c.roberta.intro}</p>
        <ol className="changes">
          {c.roberta.changes.map((ch) => (
            <li key={ch.title}>
              <strong>{ch.title}.</strong> {ch.text}
            </li>
          ))}
        </ol>
        <h4>{c.roberta.tablesHeading}</h4>
        <div className="table-grid">
          {vm.concepts.paperTables.map((tb) => (
            <ModelTable key={tb.id} table={tb} />
          ))}
        </div>

        {vm.concepts.ours ? (
          <>
            <h3>{c.ours.heading}</h3>
            <p className="prose">{vm.concepts.ours.intro}</p>
            <ModelTable table={vm.concepts.ours.table} />
            {vm.concepts.ours.ablationNotes.map((n) => (
              <p key={n} className="hint">
                {n}
              </p>
            ))}
          </>
        ) : null}

        <h3>{c.references.heading}</h3>
        <ul className="references">
          {c.references.items.map((ref) => (
            <li key={ref} lang="en">
              {ref}
            </li>
          ))}
        </ul>
      </section>

      <section id="donnees" aria-labelledby="data-heading">
        <h2 id="data-heading">{w.data.heading}</h2>
        <p className="prose">{vm.dataset.intro}</p>
        <ModelTable table={vm.dataset.categories} />
        <h3>{w.data.examplesHeading}</h3>
        <div className="examples">
          {vm.dataset.examples.map((ex) => (
            <details key={ex.label}>
              <summary>
                <strong>{ex.label}</strong> — <span lang="en">{ex.name}</span> <span className="hint">({ex.words})</span>
              </summary>
              <p lang="en" className="example-text">
                {ex.description}
              </p>
            </details>
          ))}
        </div>
        <h3>{w.data.lengthsHeading}</h3>
        <p className="prose">{vm.dataset.lengths}</p>
        <ModelTable table={vm.dataset.lengthsTable} />
        <div className="chart-grid">
          <ChartFigure figure={vm.dataset.wordsFigure} locale={locale} tableToggle={toggle} headingLevel={4} />
          {vm.dataset.tokensFigure ? <ChartFigure figure={vm.dataset.tokensFigure} locale={locale} tableToggle={toggle} headingLevel={4} /> : null}
        </div>
      </section>

      <section id="resultats" aria-labelledby="results-heading">
        <h2 id="results-heading">{w.results.heading}</h2>
        {r ? (
          <>
            {r.notices.map((n) => (
              <p key={n} className="notice" role="note">
                {n}
              </p>
            ))}
            <p className="prose">{r.protocol}</p>
            <p className="verdict">
              <strong>{r.winner}</strong> {r.bertVsRoberta}
            </p>
            {r.winnerName ? <p className="verdict">{r.winnerName}</p> : null}
            {r.seedStudy ? <p className="prose">{r.seedStudy}</p> : null}
            <h3>{w.results.targetsHeading}</h3>
            <ul className="targets">
              {r.targets.map((tg) => (
                <li key={tg.text} className={`target target--${tg.status}`}>
                  <span aria-hidden="true">{tg.status === 'met' ? '✓' : tg.status === 'notMet' ? '✗' : '?'}</span> {tg.text} —{' '}
                  <strong>{tg.statusText}</strong> ({tg.value})
                </li>
              ))}
            </ul>
            <h3>{w.results.comparisonHeading}</h3>
            <DefinitionList className="definitions" items={NLP_MODELS.map((m) => ({ label: w.modelNames[m], value: w.modelLong[m] }))} />
            <ModelTable table={r.comparison} bestLabel={w.results.best} className="comparison" />
            <p className="hint">{r.latencySource}</p>
            <p className="hint">{r.perClassNote}</p>
            <p className="hint">{r.trainTimeNote}</p>
            <ChartFigure figure={r.f1Figure} locale={locale} tableToggle={toggle} headingLevel={4} />
            {r.f1ViewsFigure ? <ChartFigure figure={r.f1ViewsFigure} locale={locale} tableToggle={toggle} headingLevel={4} /> : null}

            <h3>{w.results.confusionHeading}</h3>
            <p className="prose">{w.results.confusionIntro}</p>
            <div className="chart-grid chart-grid--wide">
              {r.confusion.map((f) => (
                <ChartFigure key={f.id} figure={f} locale={locale} tableToggle={toggle} headingLevel={4} />
              ))}
            </div>

            <h3>{w.results.pretrainingHeading}</h3>
            <p className="prose">{w.results.pretrainingIntro}</p>
            <div className="chart-grid">
              {r.lossFigure ? <ChartFigure figure={r.lossFigure} locale={locale} tableToggle={toggle} headingLevel={4} /> : null}
              {r.accuracyFigure ? <ChartFigure figure={r.accuracyFigure} locale={locale} tableToggle={toggle} headingLevel={4} /> : null}
            </div>

            {r.ablationTable ? (
              <>
                <h3>{w.results.ablationHeading}</h3>
                <p className="prose">{w.results.ablationIntro}</p>
                <ModelTable table={r.ablationTable} />
                {r.ablationSentences.map((s) => (
                  <p key={s} className="prose">
                    {s}
                  </p>
                ))}
              </>
            ) : null}
          </>
        ) : (
          <p role="status">{vm.metrics.ok ? '' : vm.metrics.pending}</p>
        )}
      </section>

      <section id="demo" aria-labelledby="demo-heading">
        <h2 id="demo-heading">{w.demo.heading}</h2>
        <p className="prose">{w.demo.intro}</p>
        <WatchDemo
          t={{ demo: w.demo, modelNames: w.modelNames, showData: w.showData }}
          locale={locale}
          examples={vm.demo.examples}
          models={vm.demo.models.map((m) => ({ name: m.name, available: m.available }))}
          maxCharacters={vm.demo.maxCharacters}
          maxWords={vm.demo.maxWords}
          training={{ trainedOn: vm.demo.trainedOn, shortInput: vm.demo.shortInput, nameLike: vm.demo.nameLike }}
          classify={classifyAction}
          explain={explainAction}
          attention={attentionAction}
        />
      </section>

      <section id="conclusion" aria-labelledby="conclusion-heading">
        <h2 id="conclusion-heading">{w.conclusion.heading}</h2>
        {vm.conclusion.scale ? (
          <>
            <h3>{w.conclusion.scaleHeading}</h3>
            <p className="prose">{vm.conclusion.scale}</p>
          </>
        ) : null}
        <h3>{w.conclusion.checkpointsHeading}</h3>
        <Paragraphs items={w.conclusion.checkpoints} className="prose" />
        <h3>{w.conclusion.limitsHeading}</h3>
        <ul className="prose">
          {w.conclusion.limits.map((l) => (
            <li key={l}>{l}</li>
          ))}
        </ul>
        <h3>{w.conclusion.recommendationHeading}</h3>
        <p className="recommendation">{vm.conclusion.recommendation}</p>
      </section>
    </article>
  );
}
