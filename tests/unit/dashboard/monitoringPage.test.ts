import { binText, formatPsi, monitoringPageModel, segmentWeaknesses } from '@/lib/dashboard/monitoringPage';
import { qualityNotice } from '@/lib/dashboard/qualityNotice';
import type { BacktestReport, BacktestRow, FeatureStability, StabilityReport } from '@/lib/monitoring/types';

const NB = '\u00a0';

function feature(field: string, psi: number, band: FeatureStability['band']): FeatureStability {
  return {
    field,
    kind: field.startsWith('NAME_') ? 'categorical' : 'numeric',
    psi,
    band,
    missing: { reference: 0.1, current: 0.2 },
    bins: [
      { label: '< 1', reference: 0.5, current: 0.4 },
      { label: '≥ 1', reference: 0.4, current: 0.4 },
      { label: '(missing)', reference: 0.1, current: 0.2 },
    ],
  };
}

const stability: StabilityReport = {
  reference: { description: 'ref', count: 63444, approvalRate: 0.7063, meanProbability: 0.0797, defaultRate: 0.0797, missingRate: 0.2488 },
  current: { description: 'cur', count: 48744, approvalRate: 0.6877, meanProbability: 0.0823, missingRate: 0.2401 },
  score: {
    psi: 0.0621,
    band: 'stable',
    bins: [
      { label: '< 0.01603', reference: 0.1, current: 0.137 },
      { label: '[0.01603, 0.02207)', reference: 0.095, current: 0.042 },
      { label: '≥ 0.1803', reference: 0.1, current: 0.105 },
    ],
  },
  features: [
    feature('AMT_REQ_CREDIT_BUREAU_MON', 0.4398, 'act'),
    feature('NAME_CONTRACT_TYPE', 0.2127, 'watch'),
    feature('EXT_SOURCE_1', 0.0891, 'stable'),
  ],
  model: { name: 'credit-risk', version: 'v1', threshold: 0.098 },
};

const row = (label: string, count: number, auc: number | null, observed: number, predicted: number): BacktestRow => ({
  label,
  count,
  auc,
  observedDefaultRate: observed,
  predictedDefaultRate: predicted,
  approvalRate: 0.7,
});

const backtest: BacktestReport = {
  byDecile: Array.from({ length: 10 }, (_, i) => row(`D${i + 1}`, 6344, null, 0.01 * (i + 1) + (i === 0 ? 0.004 : 0), 0.01 * (i + 1))),
  bySegment: [
    { field: 'NAME_CONTRACT_TYPE', rows: [row('Cash loans', 57374, 0.758, 0.083, 0.082), row('Revolving loans', 6070, 0.765, 0.053, 0.057)] },
    {
      field: 'NAME_HOUSING_TYPE',
      rows: [
        row('House / apartment', 56284, 0.76, 0.077, 0.077),
        row('Office apartment', 526, 0.71, 0.061, 0.086),
        row('Co-op apartment', 237, 0.839, 0.051, 0.076),
      ],
    },
    { field: 'REGION_RATING_CLIENT', rows: [row('2', 46904, 0.756, 0.079, 0.079), row('(missing)', 10, null, 0, 0.05)] },
  ],
};

describe('monitoring page view-model', () => {
  test('bin and segment labels read as people read them', () => {
    expect(binText('__score__', '[0.01603, 0.02207)', 'fr')).toBe(`de 1,6${NB}% à 2,2${NB}%`);
    expect(binText('__score__', '≥ 0.1803', 'en')).toBe('18.0% and above');
    expect(binText('__score__', '< 0.01603', 'fr')).toBe(`moins de 1,6${NB}%`);
    expect(binText('AMT_CREDIT', '[45000, 1e+5)', 'fr')).toBe(`de 45${NB}000 à 100${NB}000`);
    expect(binText('NAME_CONTRACT_TYPE', 'Revolving loans', 'fr')).toBe('Crédit renouvelable');
    expect(binText('NAME_CONTRACT_TYPE', '(missing)', 'fr')).toBe('non renseigné');
    expect(binText('NAME_CONTRACT_TYPE', '(other)', 'en')).toBe('other (never seen in training)');
    expect(binText('REGION_RATING_CLIENT', '2', 'fr')).toBe('2');
    expect(binText('__score__', 'D1', 'fr')).toBe('D1');
  });

  test('PSI with three decimals, tiny values with two significant digits', () => {
    expect(formatPsi(0.44, 'fr')).toBe('0,440');
    expect(formatPsi(0.0621, 'en')).toBe('0.062');
    expect(formatPsi(0.0003, 'fr')).toBe('0,00030');
    expect(formatPsi(0, 'fr')).toBe('0,000');
  });

  test('French: populations, score band in words, inputs ranked, back-testing and where the model is weak', () => {
    const m = monitoringPageModel(stability, backtest, 'fr', 0.762);
    expect(m.populations[0]).toContain(`63${NB}444 prêts historiques`);
    expect(m.populations[1]).toContain(`48${NB}744 nouvelles demandes`);
    expect(m.summary.rows.map((r) => r[0])).toEqual([
      'Nombre de demandes',
      'Taux d’accord au seuil',
      'Probabilité de défaut moyenne',
      'Part de valeurs manquantes (variables du modèle)',
      'Taux de défaut observé',
    ]);
    expect(m.summary.rows[4]).toEqual(['Taux de défaut observé', `8,0${NB}%`, 'inconnu (pas encore d’issue)']);
    expect(m.score).toMatchObject({ psi: '0,062', band: { band: 'stable', text: 'stable' } });
    expect(m.score.figure.caption).toContain('PSI du score 0,062 (stable)');
    expect(m.score.figure.table.rows).toHaveLength(3);
    expect(m.bandsNote).toMatch(/conventions.*moins de 0,1 stable, de 0,1 à 0,25 à surveiller, plus de 0,25 à traiter/);
    expect(m.features.summary).toBe('Sur les 3 variables du modèle : 1 à traiter, 1 à surveiller, 1 stables.');
    expect(m.features.table.rows.map((r) => [r.rank, r.psi, r.band.text])).toEqual([
      ['1', '0,440', 'à traiter'],
      ['2', '0,213', 'à surveiller'],
      ['3', '0,089', 'stable'],
    ]);
    expect(m.features.table.rows[0].missingCurrent).toBe(`20,0${NB}%`);
    expect(m.features.shifted.table.rows[0]).toEqual(['Demandes au bureau de crédit (le mois)', '0,440', 'à traiter']);
    expect(m.features.shifted.caption).toContain('Demandes au bureau de crédit (le mois) en tête (0,440, à traiter)');
    expect(m.features.bins?.table.rows.map((r) => r[0])).toEqual(['moins de 1', '1 et plus', 'non renseigné']);
    expect(m.backtest.decile.caption).toContain(`décile D1 (1,0${NB}% prédit, 1,4${NB}% observé)`);
    expect(m.backtest.decile.table.rows).toHaveLength(10);
    const housing = m.backtest.segments[1];
    expect(housing.heading).toBe('Type de logement');
    expect(housing.rows.map((r) => r.note)).toEqual(['rien à signaler', 'classement moins bon, risque surestimé', 'effectif trop faible']);
    expect(housing.rows[1].flagged).toBe(true);
    expect(m.backtest.weakness).toMatch(
      /^Là où le modèle est le plus faible : Type de logement « Logement de fonction » \(classement moins bon, risque surestimé ; AUC 0,710/,
    );
    expect(m.backtest.rule).toContain('AUC d’ensemble (0,762)');
    expect(m.backtest.segments[2].rows[1].cells[1]).toBe('non calculable');
  });

  test('English has the same content, in English', () => {
    const m = monitoringPageModel(stability, backtest, 'en', 0.762);
    expect(m.score.band.text).toBe('stable');
    expect(m.features.table.rows.map((r) => r.band.text)).toEqual(['to act on', 'to watch', 'stable']);
    expect(m.summary.rows[0]).toEqual(['Number of applications', '63,444', '48,744']);
    expect(m.backtest.weakness).toMatch(
      /^Where the model is weakest: Housing type “Company housing” \(weaker ranking, risk overestimated; AUC 0\.710/,
    );
  });

  test('segments: small ones never flagged, AUC criterion skipped without an overall AUC', () => {
    expect(segmentWeaknesses(row('x', 499, 0.5, 0.5, 0.1), 0.76)).toEqual([]);
    expect(segmentWeaknesses(row('x', 5000, 0.7, 0.1, 0.1), 0.76)).toEqual(['weakRanking']);
    expect(segmentWeaknesses(row('x', 5000, 0.7, 0.1, 0.1), null)).toEqual([]);
    expect(segmentWeaknesses(row('x', 5000, 0.76, 0.13, 0.1), 0.76)).toEqual(['underestimated']);
    // 0.5 point of gap: under the 1-point floor.
    expect(segmentWeaknesses(row('x', 5000, 0.76, 0.025, 0.02), 0.76)).toEqual([]);
    const m = monitoringPageModel(stability, { byDecile: backtest.byDecile, bySegment: [backtest.bySegment[0]] }, 'fr', 0.762);
    expect(m.backtest.weakness).toBe('Aucun segment ne s’écarte nettement du modèle d’ensemble.');
  });
});

describe('client page « Score moins fiable » notice', () => {
  test('nothing when the score is reliable', () => {
    expect(qualityNotice({ reliable: true, flags: [] }, {}, 'fr')).toBeNull();
  });

  test('each flag in words: the value and the training range, the unseen category, the missing important input', () => {
    const n = qualityNotice(
      {
        reliable: false,
        flags: [
          { field: 'AMT_CREDIT', kind: 'out-of-range', range: [62858.7, 2013840] },
          { field: 'DAYS_BIRTH', kind: 'out-of-range', range: [-25000, -7800] },
          { field: 'NAME_CONTRACT_TYPE', kind: 'unseen-category' },
          { field: 'EXT_SOURCE_3', kind: 'missing-important' },
        ],
      },
      { AMT_CREDIT: 45000, DAYS_BIRTH: -7000, NAME_CONTRACT_TYPE: 'Leasing', EXT_SOURCE_3: null },
      'fr',
    )!;
    expect(n.heading).toBe('Score moins fiable');
    expect(n.items.map((i) => `${i.label} — ${i.reason}`)).toEqual([
      `Montant du crédit — valeur 45${NB}000, hors de l’intervalle des prêts historiques (62${NB}859 à 2${NB}013${NB}840)`,
      // DAYS_* in years, the range from the youngest to the oldest.
      expect.stringMatching(new RegExp(`— valeur 19,2${NB}ans, hors de l’intervalle des prêts historiques \\(21,4${NB}ans à 68,4${NB}ans\\)$`)),
      'Type de contrat — catégorie « Leasing » jamais vue à l’entraînement',
      'Score externe 3 — valeur manquante, alors que cette variable compte parmi les plus importantes du modèle',
    ]);
    const en = qualityNotice({ reliable: false, flags: [{ field: 'EXT_SOURCE_3', kind: 'missing-important' }] }, {}, 'en')!;
    expect(en.heading).toBe('Less reliable score');
    expect(en.items[0].reason).toBe('missing, although this input is among the model’s most important');
  });
});

describe('back-testing gaps', () => {
  test('a tiny gap reads 0,0 pts without a sign', () => {
    const m = monitoringPageModel(stability, { byDecile: [row('D1', 100, null, 0.0501, 0.0502)], bySegment: [] }, 'fr', 0.76);
    expect(m.backtest.decile.table.rows[0][4]).toBe(`0,0${NB}pts`);
  });
});
