import type { BivariateModel } from '@/lib/dashboard/clientPage';
import { omit } from '@/lib/dashboard/view';
import type { Dictionary } from '@/lib/i18n';
import { ChartFigure } from '../../../_components/charts/ChartFigure';
import { ViewForm } from '../../../_components/ViewForm';

/** Two chosen variables: a sample of clients coloured by probability, the client highlighted. */
export function BivariateSection({
  m,
  view,
  t,
  locale,
}: {
  m: BivariateModel;
  view: Readonly<Record<string, string>>;
  t: Dictionary;
  locale: string;
}) {
  const b = t.dashboard.bivariate;
  const select = (id: string, name: 'x' | 'y', label: string, value: string) => (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} name={name} defaultValue={value} key={value}>
        {m.options.map((o) => (
          <option key={o.field} value={o.field}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
  return (
    <section aria-labelledby="bivariate-heading" id="vue-croisee" className="no-print">
      <h2 id="bivariate-heading">{b.heading}</h2>
      <p>{m.lead}</p>
      <ViewForm keep={omit(view, ['x', 'y'])} anchor="vue-croisee" submitLabel={b.apply}>
        {select('bivariate-x', 'x', b.x, m.x)}
        {select('bivariate-y', 'y', b.y, m.y)}
      </ViewForm>
      <ChartFigure figure={m.figure} locale={locale} tableToggle={t.dashboard.charts.showData} />
    </section>
  );
}
