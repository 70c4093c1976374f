import type { RawValue } from '../data/columnarTable';
import { type ApplicationSet, type ApplicationTable, getHomeCreditStore, type HomeCreditStore } from '../data/homeCreditStore';
import { fieldKind, isApplicationField } from '../data/homeCreditSchema';
import { ENGINEERED_FEATURES, type EngineeredDef } from '../credit/engineeredFeatures';
import { ownerCache } from '../data/ownerCache';
import { toDisplayScale } from './scale';

/**
 * Values of one field (an application field or one of the credit engine's engineered
 * features) over a whole application set, on the display scale people read: DAYS_* fields in
 * years elapsed (DAYS_EMPLOYED's "not employed" sentinel is missing), amounts and scores as
 * they are, engineered ratios computed with the engine's own definitions. Cached per field.
 */

export type PopulationValues =
  | { readonly kind: 'numeric'; readonly field: string; readonly values: Float64Array }
  | { readonly kind: 'categorical'; readonly field: string; readonly codes: Int32Array; readonly categories: readonly string[] };

const engineeredByName: ReadonlyMap<string, EngineeredDef> = new Map(ENGINEERED_FEATURES.map((e) => [e.name, e]));

/** True when `field` is an application field or an engineered feature the distributions can show. */
export function isKnownField(field: string): boolean {
  return isApplicationField(field) || engineeredByName.has(field);
}

/** Engineered features (multi-field groups of the engine's explanations) known to this code. */
export function engineeredFeature(field: string): EngineeredDef | undefined {
  return engineeredByName.get(field);
}

function rawNumeric(t: ApplicationTable, field: string): Float64Array {
  const c = t.table.byName.get(field);
  if (!c || c.kind !== 'numeric') throw new Error(`no numeric column ${field}`);
  return c.values;
}

function computeValues(t: ApplicationTable, field: string): PopulationValues {
  const engineered = engineeredByName.get(field);
  if (engineered) {
    const sources = new Map(engineered.sources.map((s) => [s, rawNumeric(t, s)]));
    const n = t.table.rowCount;
    const out = new Float64Array(n);
    let row = 0;
    const get = (f: string): number => {
      const col = sources.get(f);
      return col ? col[row] : NaN;
    };
    for (row = 0; row < n; row++) out[row] = engineered.compute(get);
    return { kind: 'numeric', field, values: out };
  }
  if (!isApplicationField(field)) throw new Error(`unknown field ${field}`);
  const column = t.table.byName.get(field);
  if (!column) throw new Error(`no column ${field}`);
  if (column.kind === 'categorical') return { kind: 'categorical', field, codes: column.codes, categories: column.categories };
  const raw = column.values;
  const out = new Float64Array(raw.length);
  for (let i = 0; i < raw.length; i++) out[i] = toDisplayScale(field, raw[i]);
  return { kind: 'numeric', field, values: out };
}

const caches = ownerCache<HomeCreditStore, PopulationValues>();

/** Values of `field` over the historical loans (default) or the new applications, on the display scale. */
export function populationValues(field: string, set: ApplicationSet = 'train', store: HomeCreditStore = getHomeCreditStore()): PopulationValues {
  return caches(store, `${set}:${field}`, () => computeValues(store.tableOf(set), field));
}

/** One application's value of `field` on the display scale (null when missing). */
export function applicationValue(fields: Readonly<Record<string, RawValue>>, field: string): RawValue {
  const engineered = engineeredByName.get(field);
  if (engineered) {
    const get = (f: string): number => {
      const v = fields[f];
      return typeof v === 'number' ? v : NaN;
    };
    const v = engineered.compute(get);
    return Number.isFinite(v) ? v : null;
  }
  const raw = fields[field];
  if (raw === null || raw === undefined) return null;
  if (typeof raw === 'string') return raw;
  if (fieldKind(field) === 'categorical') return String(raw);
  const v = toDisplayScale(field, raw);
  return Number.isNaN(v) ? null : v;
}

/** The 0/1 outcomes of the historical loans. */
export function outcomes(store: HomeCreditStore = getHomeCreditStore()): Float64Array {
  const target = store.train.target;
  if (!target) throw new Error('historical loans have no TARGET');
  return target;
}
