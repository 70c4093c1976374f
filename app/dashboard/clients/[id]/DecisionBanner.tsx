import type { DecisionModel } from '@/lib/dashboard/decision';
import type { Dictionary } from '@/lib/i18n';
import { ChartFigure } from '../../../_components/charts/ChartFigure';
import { DecisionBadge } from '../../../_components/DecisionBadge';
import { HeaderStatus } from '../../../_components/HeaderStatus';

/** The decision banner (icon + word, probability, threshold, distance in words, gauge), mirrored in the sticky header. */
export function DecisionBanner({ d, t, locale, clientLabel }: { d: DecisionModel; t: Dictionary; locale: string; clientLabel: string }) {
  const x = t.dashboard.decision;
  return (
    <>
      <HeaderStatus>
        <a href="#decision" aria-label={d.headerStatus} className={`decision--${d.decision}`}>
          <DecisionBadge decision={d.decision} label={d.label} />
          <span className="muted">
            {clientLabel} · {d.probability}
          </span>
        </a>
      </HeaderStatus>
      <section className={`banner banner--${d.decision}`} aria-labelledby="decision-heading" id="decision">
        <div>
          <h2 id="decision-heading" className="banner__heading">
            {x.heading}
          </h2>
          <p className="banner__decision">
            <DecisionBadge decision={d.decision} label={d.longLabel} />
          </p>
          <dl className="banner__facts">
            <dt>{x.probability}</dt>
            <dd>{d.probability}</dd>
            <dt>{x.threshold}</dt>
            <dd>{d.threshold}</dd>
          </dl>
          <p className="banner__distance">{d.distance}</p>
          {d.provenance ? (
            <p className="small" id="score-provenance">
              {d.provenance}
            </p>
          ) : null}
          <p className="muted small">{d.thresholdNote}</p>
        </div>
        <ChartFigure figure={d.gauge} locale={locale} tableToggle={t.dashboard.charts.showData} headingLevel={3} />
      </section>
    </>
  );
}
