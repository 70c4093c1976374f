import type { ComparisonModel } from '@/lib/dashboard/clientSections';
import type { Dictionary } from '@/lib/i18n';
import { ChartFigure } from '../../../_components/charts/ChartFigure';
import { omit } from '@/lib/dashboard/view';
import { ViewForm } from '../../../_components/ViewForm';

/** Comparison with other clients: a variable picker, the all / similar switch, and the distribution figure. */
export function ComparisonSection({
  m,
  view,
  t,
  locale,
}: {
  m: ComparisonModel;
  view: Readonly<Record<string, string>>;
  t: Dictionary;
  locale: string;
}) {
  const c = t.dashboard.comparison;
  const keep = omit(view, ['feature', 'scope']);
  return (
    <section aria-labelledby="comparison-heading" id="comparaison" className="no-print">
      <h2 id="comparison-heading">{c.heading}</h2>
      <p>{c.lead}</p>
      <ViewForm keep={keep} anchor="comparaison" submitLabel={c.apply}>
        <div className="field">
          <label htmlFor="comparison-feature">{c.feature}</label>
          <select id="comparison-feature" name="feature" defaultValue={m.feature} key={m.feature}>
            <optgroup label={c.topGroup}>
              {m.top.map((o) => (
                <option key={`top-${o.field}`} value={o.field}>
                  {o.label}
                </option>
              ))}
            </optgroup>
            <optgroup label={c.allGroup}>
              {m.all.map((o) => (
                <option key={o.field} value={o.field}>
                  {o.label}
                </option>
              ))}
            </optgroup>
          </select>
        </div>
        <div className="checkbox-row">
          <input
            id="comparison-scope"
            type="checkbox"
            name="scope"
            value="similar"
            role="switch"
            defaultChecked={m.scope === 'similar'}
            key={m.scope}
          />
          <label htmlFor="comparison-scope">{c.scope}</label>
        </div>
      </ViewForm>
      <ChartFigure figure={m.figure} locale={locale} tableToggle={t.dashboard.charts.showData} />
    </section>
  );
}
