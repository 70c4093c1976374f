import type { Metadata } from 'next';
import { dataPageModel } from '@/lib/dashboard/dataPage';
import { dictionary } from '@/lib/i18n';
import { requestDictionary, requestLocale } from '@/lib/i18n/request';
import { ChartFigure } from '../_components/charts/ChartFigure';
import { DictionaryExplorer } from './DictionaryExplorer';
import '../_components/dashboard.css';
import { requireReader } from '../_lib/person';

export const dynamic = 'force-dynamic';

export async function generateMetadata(): Promise<Metadata> {
  return { title: dictionary(await requestLocale()).data.title };
}

export default async function DataPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireReader('/donnees');
  const { locale, t } = await requestDictionary();
  const params = await searchParams;
  const q = typeof params.q === 'string' ? params.q.slice(0, 100) : '';
  const model = dataPageModel(locale);
  const d = t.data;
  return (
    <>
      <h1>{d.title}</h1>
      <p className="lead">{d.lead}</p>

      <section aria-labelledby="tailles">
        <h2 id="tailles">{d.sizes.heading}</h2>
        <div className="table-scroll" tabIndex={0} role="region" aria-label={d.sizes.caption}>
          <table className="data-table">
            <caption>{d.sizes.caption}</caption>
            <thead>
              <tr>
                <th scope="col">{d.sizes.file}</th>
                <th scope="col">{d.sizes.role}</th>
                <th scope="col">{d.sizes.rows}</th>
                <th scope="col">{d.sizes.columns}</th>
                <th scope="col">{d.sizes.clients}</th>
              </tr>
            </thead>
            <tbody>
              {model.files.map((f) => (
                <tr key={f.file}>
                  <th scope="row">
                    <code>{f.file}</code>
                  </th>
                  <td>{f.role}</td>
                  <td className="num">{f.rows}</td>
                  <td className="num">{f.columns}</td>
                  <td className="num">{f.clients}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section aria-labelledby="cible">
        <h2 id="cible">{d.target.heading}</h2>
        <p>{d.target.body}</p>
        <ChartFigure figure={model.targetFigure} locale={locale} tableToggle={t.dashboard.charts.showData} />
      </section>

      <section aria-labelledby="provenance">
        <h2 id="provenance">{d.provenance.heading}</h2>
        <p>{d.provenance.body}</p>
        <p className="muted">{d.provenance.licence}</p>
        <div className="table-scroll" tabIndex={0} role="region" aria-label={model.provenance.caption}>
          <table className="data-table">
            <caption>{model.provenance.caption}</caption>
            <thead>
              <tr>
                <th scope="col">{d.provenance.source}</th>
                <th scope="col">{d.provenance.rows}</th>
                <th scope="col">{d.provenance.share}</th>
              </tr>
            </thead>
            <tbody>
              {model.provenance.rows.map((p) => (
                <tr key={p.source}>
                  <th scope="row" lang="en">
                    {p.source}
                  </th>
                  <td className="num">{p.rows}</td>
                  <td className="num">{p.share}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section aria-labelledby="dictionnaire">
        <h2 id="dictionnaire">{d.dictionary.heading}</h2>
        <p>{d.dictionary.lead}</p>
        <DictionaryExplorer rows={model.columns} initialQuery={q} strings={d.dictionary} descriptionLang="en" />
      </section>
    </>
  );
}
