import type { Metadata } from 'next';
import { headers } from 'next/headers';
import { docsOperations, docsProblems } from '@/lib/api/docsModel';
import { API_OPERATIONS } from '@/lib/api/operations';
import { applicationProfile } from '@/lib/api/resources/applications';
import { applicationDistribution } from '@/lib/api/resources/distribution';
import { requestDictionary } from '@/lib/i18n/request';
import './apiDocs.css';
import { requireReader } from '../_lib/person';

export const dynamic = 'force-dynamic';

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await requestDictionary();
  return { title: t.apiDocs.title };
}

/** Examples computed from the real data (the catalogue's static examples cover the rest). */
function liveExamples(): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const attempt = (id: string, f: () => unknown) => {
    try {
      out[id] = f();
    } catch {
      // No example rather than a broken page.
    }
  };
  attempt('getApplication', () => applicationProfile(100002));
  attempt('getApplicationDistribution', () => applicationDistribution(100002, 'EXT_SOURCE_2', 20));
  return out;
}

async function requestOrigin(): Promise<string> {
  const h = await headers();
  const host = h.get('host') ?? 'localhost:3000';
  const proto = h.get('x-forwarded-proto') === 'https' ? 'https' : 'http';
  return /^[A-Za-z0-9.\-:[\]]+$/.test(host) ? `${proto}://${host}` : 'http://localhost:3000';
}

/** The sections made of paragraphs only, each titled by `d.sections[id]` and written in `d[id]`. */
const PROSE_SECTIONS = ['overview', 'auth', 'limits'] as const;

export default async function ApiDocsPage() {
  await requireReader('/api-docs');
  const { t } = await requestDictionary();
  const d = t.apiDocs;
  const operations = docsOperations(d, await requestOrigin(), liveExamples());
  const problems = docsProblems(d);
  const openApiPath = API_OPERATIONS.getOpenApi.path;
  const sections = [
    ...PROSE_SECTIONS.map((id) => ({ id, title: d.sections[id] })),
    { id: 'errors', title: d.sections.errors },
    { id: 'routes', title: d.sections.operations },
  ];
  return (
    <div className="api-docs">
      <h1>{d.title}</h1>
      <p className="muted">{d.lead}</p>
      <p>
        <a href={openApiPath}>{d.openApiLink}</a> (<code>{openApiPath}</code>)
      </p>

      <nav aria-labelledby="api-docs-contents" className="api-docs__toc">
        <h2 id="api-docs-contents">{d.contents}</h2>
        <ol>
          {sections.map((s) => (
            <li key={s.id}>
              <a href={`#${s.id}`}>{s.title}</a>
              {s.id === 'routes' && (
                <ol>
                  {operations.map((op) => (
                    <li key={op.anchor}>
                      <a href={`#${op.anchor}`}>
                        <code>
                          {op.method} {op.path}
                        </code>
                      </a>{' '}
                      — {op.summary}
                    </li>
                  ))}
                </ol>
              )}
            </li>
          ))}
        </ol>
      </nav>

      {PROSE_SECTIONS.map((id) => (
        <section key={id} id={id} aria-labelledby={`${id}-title`}>
          <h2 id={`${id}-title`}>{d.sections[id]}</h2>
          {d[id].map((p) => (
            <p key={p}>{p}</p>
          ))}
        </section>
      ))}

      <section id="errors" aria-labelledby="errors-title">
        <h2 id="errors-title">{d.sections.errors}</h2>
        <p>{d.errorsLead}</p>
        <div className="api-docs__table-wrap">
          <table>
            <caption className="visually-hidden">{d.sections.errors}</caption>
            <thead>
              <tr>
                <th scope="col">{d.labels.status}</th>
                <th scope="col">{d.labels.problemType}</th>
                <th scope="col">{d.labels.meaning}</th>
              </tr>
            </thead>
            <tbody>
              {problems.map((p) => (
                <tr key={p.slug} id={p.anchor}>
                  <td>{p.status}</td>
                  <td>
                    <code>/api-docs#{p.anchor}</code>
                    <br />
                    {p.title}
                  </td>
                  <td>{p.meaning}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section id="routes" aria-labelledby="routes-title">
        <h2 id="routes-title">{d.sections.operations}</h2>
        {operations.map((op) => (
          <article key={op.anchor} id={op.anchor} className="api-docs__op" aria-labelledby={`${op.anchor}-title`}>
            <h3 id={`${op.anchor}-title`}>
              <span className={`api-docs__method api-docs__method--${op.method.toLowerCase()}`}>{op.method}</span> <code>{op.path}</code>
            </h3>
            <p>
              <strong>{op.summary}.</strong> {op.description}
            </p>
            <p className="muted">
              {d.labels.scope} <code>{op.scope}</code>
            </p>

            {op.parameters.length > 0 && (
              <>
                <h4>{d.labels.parameters}</h4>
                <div className="api-docs__table-wrap">
                  <table>
                    <thead>
                      <tr>
                        <th scope="col">{d.labels.name}</th>
                        <th scope="col">{d.labels.location}</th>
                        <th scope="col">{d.labels.required}</th>
                        <th scope="col">{d.labels.description}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {op.parameters.map((p) => (
                        <tr key={`${p.in}-${p.name}`}>
                          <td>
                            <code>{p.name}</code>
                          </td>
                          <td>{p.in}</td>
                          <td>{p.required ? d.labels.yes : d.labels.no}</td>
                          <td>
                            {p.description}
                            <br />
                            <code className="api-docs__schema">{JSON.stringify(p.schema)}</code>
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              </>
            )}

            {op.requestExamples.map((ex) => (
              <div key={ex.mediaType}>
                <h4>
                  {d.labels.requestBody} ({ex.mediaType})
                </h4>
                <pre tabIndex={0} aria-label={`${d.labels.requestBody} ${ex.mediaType}`}>
                  <code>{ex.text}</code>
                </pre>
              </div>
            ))}

            <h4>{d.labels.curl}</h4>
            <pre tabIndex={0} aria-label={`${d.labels.curl} ${op.method} ${op.path}`}>
              <code>{op.curl}</code>
            </pre>

            {op.responseExample !== undefined && (
              <details>
                <summary>
                  {d.labels.response} 200 — {d.labels.example}
                </summary>
                <pre tabIndex={0} aria-label={`${d.labels.response} ${op.method} ${op.path}`}>
                  <code>{op.responseExample}</code>
                </pre>
              </details>
            )}

            <h4>{d.labels.errors}</h4>
            <ul className="api-docs__problems">
              {op.problems.map((p) => (
                <li key={p.slug}>
                  <a href={`#problem-${p.slug}`}>
                    {p.status} {p.title}
                  </a>
                </li>
              ))}
            </ul>
          </article>
        ))}
      </section>
    </div>
  );
}
