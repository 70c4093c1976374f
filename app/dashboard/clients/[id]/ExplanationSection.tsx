import type { ExplanationView, ReasonView } from '@/lib/dashboard/explanationView';
import { omit, TOP_N_CHOICES } from '@/lib/dashboard/view';
import { ChartFigure } from '../../../_components/charts/ChartFigure';
import { SelectField } from '../../../_components/SelectField';
import { ViewForm } from '../../../_components/ViewForm';
import type { ViewSectionProps } from './viewSection';

/** The reasons pushing one way: a heading with its arrow, then the coded reasons (or a line saying there are none). */
function ReasonColumn({
  heading,
  icon,
  tone,
  reasons,
  none,
}: {
  heading: string;
  icon: string;
  tone: 'refuse' | 'accept';
  reasons: readonly ReasonView[];
  none: string;
}) {
  return (
    <div>
      <h3>
        <span aria-hidden="true" className={`reason-icon reason-icon--${tone}`}>
          {icon}
        </span>{' '}
        {heading}
      </h3>
      {reasons.length === 0 ? (
        <p>{none}</p>
      ) : (
        <ul>
          {reasons.map((r) => (
            <li key={r.field}>
              <span className="reason-code">{r.code}</span> {r.text}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** Why this decision: the plain-language reasons and the waterfall of the top N contributions (N adjustable). */
export function ExplanationSection({ m, n, view, t, locale }: ViewSectionProps<ExplanationView> & { n: number }) {
  const x = t.dashboard.explanation;
  return (
    <section aria-labelledby="explanation-heading" id="explication">
      <h2 id="explanation-heading">{x.heading}</h2>
      <div className="reasons">
        <ReasonColumn heading={x.reasonsRefusal} icon="▲" tone="refuse" reasons={m.towardsRefusal} none={x.noReason} />
        <ReasonColumn heading={x.reasonsAcceptance} icon="▼" tone="accept" reasons={m.towardsAcceptance} none={x.noReason} />
      </div>
      <p className="muted small no-print">{x.lead}</p>
      <ViewForm keep={omit(view, ['n'])} anchor="explication" submitLabel={x.apply}>
        <SelectField
          id="explanation-n"
          name="n"
          label={x.topN}
          defaultValue={String(n)}
          key={n}
          choices={TOP_N_CHOICES.map((c) => ({ value: c, label: c }))}
        />
      </ViewForm>
      <ChartFigure figure={m.figure} locale={locale} tableToggle={t.dashboard.charts.showData} />
    </section>
  );
}
