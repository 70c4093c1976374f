import type { ExplanationView } from '@/lib/dashboard/explanationView';
import { omit, TOP_N_CHOICES } from '@/lib/dashboard/view';
import type { Dictionary } from '@/lib/i18n';
import { ChartFigure } from '../../../_components/charts/ChartFigure';
import { ViewForm } from '../../../_components/ViewForm';

/** Why this decision: the plain-language reasons and the waterfall of the top N contributions (N adjustable). */
export function ExplanationSection({
  e,
  n,
  view,
  t,
  locale,
}: {
  e: ExplanationView;
  n: number;
  view: Readonly<Record<string, string>>;
  t: Dictionary;
  locale: string;
}) {
  const x = t.dashboard.explanation;
  return (
    <section aria-labelledby="explanation-heading" id="explication">
      <h2 id="explanation-heading">{x.heading}</h2>
      <div className="reasons">
        <div>
          <h3>
            <span aria-hidden="true" className="reason-icon reason-icon--refuse">
              ▲
            </span>{' '}
            {x.reasonsRefusal}
          </h3>
          {e.towardsRefusal.length === 0 ? (
            <p>{x.noReason}</p>
          ) : (
            <ul>
              {e.towardsRefusal.map((r) => (
                <li key={r.field}>
                  <span className="reason-code">{r.code}</span> {r.text}
                </li>
              ))}
            </ul>
          )}
        </div>
        <div>
          <h3>
            <span aria-hidden="true" className="reason-icon reason-icon--accept">
              ▼
            </span>{' '}
            {x.reasonsAcceptance}
          </h3>
          {e.towardsAcceptance.length === 0 ? (
            <p>{x.noReason}</p>
          ) : (
            <ul>
              {e.towardsAcceptance.map((r) => (
                <li key={r.field}>
                  <span className="reason-code">{r.code}</span> {r.text}
                </li>
              ))}
            </ul>
          )}
        </div>
      </div>
      <p className="muted small no-print">{x.lead}</p>
      <ViewForm keep={omit(view, ['n'])} anchor="explication" submitLabel={x.apply}>
        <div className="field">
          <label htmlFor="explanation-n">{x.topN}</label>
          <select id="explanation-n" name="n" defaultValue={String(n)} key={n}>
            {TOP_N_CHOICES.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        </div>
      </ViewForm>
      <ChartFigure figure={e.figure} locale={locale} tableToggle={t.dashboard.charts.showData} />
    </section>
  );
}
