import type { z } from 'zod';
import { applicationIds } from '../../analysis/search';
import { creditEngineOrNull } from '../../credit/engine';
import { getHomeCreditStore, type StoredApplication } from '../../data/homeCreditStore';
import { decodeCursor, encodeCursor, listIds } from '../applicationIndex';
import { notFound } from '../errors';
import type { applicationListSchema, applicationProfileSchema, listApplicationsQuerySchema } from '../schemas/applications';

/** Store-backed resources: the list of applications and one application's profile. */

type ListQuery = z.output<typeof listApplicationsQuerySchema>;
type ApplicationList = z.output<typeof applicationListSchema>;
type ApplicationProfile = z.output<typeof applicationProfileSchema>;

const asTarget = (t: number | null): 0 | 1 | null => (t === null || Number.isNaN(t) ? null : t === 1 ? 1 : 0);

export async function applicationList(query: ListQuery): Promise<ApplicationList> {
  const store = getHomeCreditStore();
  const after = query.cursor === undefined ? 0 : decodeCursor(query.cursor);
  // The listing needs no model: without one the ids are indexed for this request.
  const page = listIds({ prefix: query.q ?? '', set: query.set, limit: query.limit, after }, applicationIds(await creditEngineOrNull(), store));
  const items = page.ids.map((id) => {
    const where = store.locate(id);
    if (!where) throw new Error('id index out of step with the store');
    const table = store.tableOf(where.set);
    return { id, set: where.set, target: asTarget(table.target ? table.target[where.row] : null) };
  });
  return { items, total: page.total, limit: query.limit, nextCursor: page.lastId === undefined ? null : encodeCursor(page.lastId) };
}

/** The stored application, or a 404 problem. */
export function storedApplication(id: number): StoredApplication {
  const app = getHomeCreditStore().get(id);
  if (!app) throw notFound(`No stored application has SK_ID_CURR ${id}.`);
  return app;
}

export function applicationProfile(id: number): ApplicationProfile {
  const app = storedApplication(id);
  const target = asTarget(app.target);
  return {
    id: app.id,
    set: app.set,
    historical: app.set === 'train',
    outcome: target === null ? null : { target, label: target === 1 ? 'payment difficulties' : 'repaid' },
    fields: app.fields,
  };
}
