import type { PsiBand, StabilityReport } from './types';

/**
 * The stability report as one self-contained, printable HTML page (`npm run monitor -- --html`):
 * no script, no external style sheet or font, so it can be mailed, archived or printed as is.
 * Bands are written in words (and marked with a symbol), never shown by colour alone; every text
 * that comes from the data (field names, file name, category labels) is escaped.
 */

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

/** The band in words, with the convention it comes from (the reader may not know PSI). */
export const BAND_WORDS: Readonly<Record<PsiBand, string>> = {
  stable: 'Stable (PSI < 0.10)',
  watch: 'Watch (PSI 0.10–0.25)',
  act: 'Act (PSI > 0.25)',
};

// A symbol beside the words, so that the band survives black-and-white printing and skimming.
const BAND_MARK: Readonly<Record<PsiBand, string>> = { stable: '✓', watch: '!', act: '✗' };

const pct = (x: number) => `${(100 * x).toFixed(1)} %`;
const num = (x: number) => (Number.isFinite(x) ? x.toFixed(3) : String(x));

function band(b: PsiBand): string {
  return `<span class="band band-${b}"><span aria-hidden="true">${BAND_MARK[b]} </span>${escapeHtml(BAND_WORDS[b])}</span>`;
}

const STYLE = `
  body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #111; margin: 2rem auto; max-width: 60rem; padding: 0 1rem; }
  h1 { font-size: 1.5rem; margin-bottom: .25rem; }
  h2 { font-size: 1.15rem; margin-top: 2rem; }
  table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; }
  caption { text-align: left; font-weight: 600; padding: .25rem 0; }
  th, td { border: 1px solid #999; padding: .3rem .5rem; text-align: left; vertical-align: top; }
  td.n { text-align: right; font-variant-numeric: tabular-nums; }
  thead th { background: #eee; }
  .band { font-weight: 600; white-space: nowrap; }
  .band-stable { color: #1a5e20; }
  .band-watch { color: #7a4b00; }
  .band-act { color: #a00000; }
  .note { color: #333; font-size: .9rem; }
  @media print { body { margin: 0; max-width: none; } thead { display: table-header-group; } tr { break-inside: avoid; } }
`;

export function reportHtml(report: StabilityReport, generatedAt: Date = new Date()): string {
  const { reference: ref, current: cur } = report;
  const e = escapeHtml;
  const summaryRow = (label: string, r: number | undefined, c: number | undefined, format: (x: number) => string) =>
    `<tr><th scope="row">${e(label)}</th><td class="n">${r === undefined ? '—' : e(format(r))}</td><td class="n">${c === undefined ? '—' : e(format(c))}</td></tr>`;
  const features = report.features
    .map(
      (f) =>
        `<tr><th scope="row">${e(f.field)}</th><td>${e(f.kind)}</td><td class="n">${e(num(f.psi))}</td><td>${band(f.band)}</td>` +
        `<td class="n">${e(pct(f.missing.reference))}</td><td class="n">${e(pct(f.missing.current))}</td></tr>`,
    )
    .join('\n');
  const scoreBins = report.score.bins
    .map((b) => `<tr><th scope="row">${e(b.label)}</th><td class="n">${e(pct(b.reference))}</td><td class="n">${e(pct(b.current))}</td></tr>`)
    .join('\n');
  const rejected = report.rejected
    ? `<h2>Rejected rows</h2>
<p>${e(report.rejected.count.toLocaleString('en'))} row(s) of the input were invalid and left out of the report${report.rejected.count > 0 ? '; the first ones:' : '.'}</p>
${
  report.rejected.first.length > 0
    ? `<table><thead><tr><th scope="col">Line</th><th scope="col">Field</th><th scope="col">Why</th></tr></thead><tbody>
${report.rejected.first.map((r) => `<tr><td class="n">${e(String(r.line))}</td><td>${e(r.field)}</td><td>${e(r.message)}</td></tr>`).join('\n')}
</tbody></table>`
    : ''
}`
    : '';

  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Model monitoring — ${e(cur.description)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<h1>Model monitoring: population and score stability</h1>
<p class="note">Model ${e(report.model.name)} ${e(report.model.version)} (decision threshold ${e(report.model.threshold.toFixed(3))}).
Generated ${e(generatedAt.toISOString())}.
PSI bands are industry conventions, not statistical tests: below 0.10 stable, 0.10 to 0.25 watch, above 0.25 act.</p>

<h2>Populations</h2>
<table>
<thead><tr><th scope="col"></th><th scope="col">Reference</th><th scope="col">Current</th></tr></thead>
<tbody>
<tr><th scope="row">Population</th><td>${e(ref.description)}</td><td>${e(cur.description)}</td></tr>
${summaryRow('Applications', ref.count, cur.count, (x) => x.toLocaleString('en'))}
${summaryRow('Approval rate at the threshold', ref.approvalRate, cur.approvalRate, pct)}
${summaryRow('Mean probability of default', ref.meanProbability, cur.meanProbability, pct)}
${summaryRow('Observed default rate', ref.defaultRate, cur.defaultRate, pct)}
${summaryRow('Missing values (share of all inputs)', ref.missingRate, cur.missingRate, pct)}
</tbody>
</table>

<h2>Score stability</h2>
<table>
<thead><tr><th scope="col">Distribution</th><th scope="col">PSI</th><th scope="col">Band</th></tr></thead>
<tbody><tr><th scope="row">Probability of default</th><td class="n">${e(num(report.score.psi))}</td><td>${band(report.score.band)}</td></tr></tbody>
</table>
<table>
<caption>Probability of default by reference decile</caption>
<thead><tr><th scope="col">Probability</th><th scope="col">Reference</th><th scope="col">Current</th></tr></thead>
<tbody>
${scoreBins}
</tbody>
</table>

<h2>Input stability</h2>
<table>
<caption>Every model input, largest PSI first</caption>
<thead><tr><th scope="col">Input</th><th scope="col">Kind</th><th scope="col">PSI</th><th scope="col">Band</th><th scope="col">Missing (reference)</th><th scope="col">Missing (current)</th></tr></thead>
<tbody>
${features}
</tbody>
</table>
${rejected}
</main>
</body>
</html>
`;
}
