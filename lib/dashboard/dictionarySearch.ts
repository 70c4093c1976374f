/** Free-text search of the column dictionary (pure: used by the server page and the client filter). */

/** Lower case without accents, so that « annuite » finds « Annuité ». */
export function searchable(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
}

/** Filters dictionary rows by a free-text query (every word must appear, accents ignored); all rows for an empty query. */
export function filterDictionary<T extends { haystack: string }>(rows: readonly T[], query: string): T[] {
  const words = searchable(query).split(/\s+/).filter(Boolean);
  return words.length === 0 ? [...rows] : rows.filter((r) => words.every((w) => r.haystack.includes(w)));
}
