import type { Metadata } from 'next';
import { dataPageModel } from '@/lib/dashboard/dataPage';
import { dictionary } from '@/lib/i18n';
import { requestDictionary, requestLocale } from '@/lib/i18n/request';
import { ChartFigure } from '../_components/charts/ChartFigure';
import { DataTable } from '../_components/DataTable';
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
        <DataTable
          caption={d.sizes.caption}
          columns={[d.sizes.file, d.sizes.role, d.sizes.rows, d.sizes.columns, d.sizes.clients]}
          numericColumns={[2, 3, 4]}
          rows={model.files.map((f) => ({ key: f.file, cells: [<code key="file">{f.file}</code>, f.role, f.rows, f.columns, f.clients] }))}
        />
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
        <DataTable
          caption={model.provenance.caption}
          columns={[d.provenance.source, d.provenance.rows, d.provenance.share]}
          numericColumns={[1, 2]}
          rows={model.provenance.rows.map((p) => ({ key: p.source, cells: [{ content: p.source, lang: 'en' }, p.rows, p.share] }))}
        />
      </section>

      <section aria-labelledby="dictionnaire">
        <h2 id="dictionnaire">{d.dictionary.heading}</h2>
        <p>{d.dictionary.lead}</p>
        <DictionaryExplorer rows={model.columns} initialQuery={q} strings={d.dictionary} descriptionLang="en" />
      </section>
    </>
  );
}
