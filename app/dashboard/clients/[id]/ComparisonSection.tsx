import type { ComparisonModel } from '@/lib/dashboard/clientSections';
import { ChartFigure } from '../../../_components/charts/ChartFigure';
import { omit } from '@/lib/dashboard/view';
import { Choices, SelectField } from '../../../_components/SelectField';
import { ViewForm } from '../../../_components/ViewForm';
import { fieldChoices, type ViewSectionProps } from './viewSection';

/** Comparison with other clients: a variable picker, the all / similar switch, and the distribution figure. */
export function ComparisonSection({ m, view, t, locale }: ViewSectionProps<ComparisonModel>) {
  const c = t.dashboard.comparison;
  const keep = omit(view, ['feature', 'scope']);
  return (
    <section aria-labelledby="comparison-heading" id="comparaison" className="no-print">
      <h2 id="comparison-heading">{c.heading}</h2>
      <p>{c.lead}</p>
      <ViewForm keep={keep} anchor="comparaison" submitLabel={c.apply}>
        <SelectField id="comparison-feature" name="feature" label={c.feature} defaultValue={m.feature} key={m.feature}>
          <optgroup label={c.topGroup}>
            <Choices items={fieldChoices(m.top)} />
          </optgroup>
          <optgroup label={c.allGroup}>
            <Choices items={fieldChoices(m.all)} />
          </optgroup>
        </SelectField>
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
