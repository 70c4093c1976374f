import { openRelatedTable } from '@/lib/data/relatedTables';

describe('history tables (related/)', () => {
  test('bureau rows of a client, with missing values and CRLF line endings handled', () => {
    const bureau = openRelatedTable('bureau');
    expect(bureau.table.rowCount).toBe(49227);
    const rows = bureau.recordsFor(100002);
    expect(rows).toHaveLength(8);
    expect(rows[0]).toMatchObject({ SK_ID_BUREAU: 6158904, CREDIT_ACTIVE: 'Closed', AMT_CREDIT_MAX_OVERDUE: null, AMT_ANNUITY: 0 });
    expect(bureau.recordsFor(123)).toEqual([]);
  });

  test('previous applications are indexed by SK_ID_CURR', () => {
    const previous = openRelatedTable('previousApplications');
    expect(previous.table.rowCount).toBe(49100);
    const rows = previous.recordsFor(125157);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.SK_ID_CURR === 125157)).toBe(true);
  });
});
