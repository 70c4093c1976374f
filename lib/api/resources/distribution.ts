import type { z } from 'zod';
import { fieldDistribution } from '../../analysis/distributions';
import { applicationValue, isKnownField } from '../../analysis/population';
import { fieldScale } from '../../analysis/scale';
import { ApiError } from '../errors';
import type { distributionSchema } from '../schemas/analysis';
import { storedApplication } from './applications';

/** Distribution of one field over the historical loans with the client's position (lib/analysis). */

type DistributionBody = z.output<typeof distributionSchema>;

const finite = (v: number): number | null => (Number.isFinite(v) ? v : null);

export function applicationDistribution(id: number, field: string, bins: number): DistributionBody {
  if (!isKnownField(field)) {
    throw new ApiError('invalid-parameters', 'Unknown field: use an application field or an engineered feature of the model.', [
      { path: 'query.field', message: 'unknown field' },
    ]);
  }
  const app = storedApplication(id);
  const d = fieldDistribution(field, { bins, clientValue: applicationValue(app.fields, field) });
  const base = { id, field, scale: fieldScale(field), population: 'historical loans' as const };
  if (d.kind === 'numeric') {
    return {
      ...base,
      distribution: {
        kind: 'numeric',
        discrete: d.discrete,
        bins: d.bins.map((b) => ({
          lo: finite(b.lo),
          hi: finite(b.hi),
          repaid: b.repaid,
          defaulted: b.defaulted,
          defaultRate: finite(b.defaultRate),
        })),
        missing: d.missing,
        total: d.total,
        median: finite(d.median),
        client: d.client ? { value: d.client.value, bin: d.client.bin, percentile: d.client.percentile } : null,
      },
    };
  }
  return {
    ...base,
    distribution: {
      kind: 'categorical',
      categories: d.categories.map((c) => ({ ...c, defaultRate: finite(c.defaultRate) })),
      total: d.total,
      client: d.client ?? null,
    },
  };
}
