import type { BivariateModel } from '@/lib/dashboard/clientPage';
import { omit } from '@/lib/dashboard/view';
import { ChartFigure } from '../../../_components/charts/ChartFigure';
import { SelectField } from '../../../_components/SelectField';
import { ViewForm } from '../../../_components/ViewForm';
import { fieldChoices, type ViewSectionProps } from './viewSection';

/** Two chosen variables: a sample of clients coloured by probability, the client highlighted. */
export function BivariateSection({ m, view, t, locale }: ViewSectionProps<BivariateModel>) {
  const b = t.dashboard.bivariate;
  const choices = fieldChoices(m.options);
  return (
    <section aria-labelledby="bivariate-heading" id="vue-croisee" className="no-print">
      <h2 id="bivariate-heading">{b.heading}</h2>
      <p>{m.lead}</p>
      <ViewForm keep={omit(view, ['x', 'y'])} anchor="vue-croisee" submitLabel={b.apply}>
        <SelectField id="bivariate-x" name="x" label={b.x} defaultValue={m.x} key={`x-${m.x}`} choices={choices} />
        <SelectField id="bivariate-y" name="y" label={b.y} defaultValue={m.y} key={`y-${m.y}`} choices={choices} />
      </ViewForm>
      <ChartFigure figure={m.figure} locale={locale} tableToggle={t.dashboard.charts.showData} />
    </section>
  );
}
