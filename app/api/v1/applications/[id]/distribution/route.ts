import { getApplicationDistribution } from '@/lib/api/operations';
import { applicationDistribution } from '@/lib/api/resources/distribution';
import { apiRoute, handle } from '@/lib/api/route';

export const dynamic = 'force-dynamic';

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = apiRoute(
  handle(getApplicationDistribution, ({ params, query }) => applicationDistribution(params.id, query.field, query.bins)),
);
