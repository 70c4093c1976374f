import { getApplicationNeighbours } from '@/lib/api/operations';
import { applicationNeighbours } from '@/lib/api/resources/neighbours';
import { apiRoute, handle } from '@/lib/api/route';

export const dynamic = 'force-dynamic';

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = apiRoute(handle(getApplicationNeighbours, ({ params, query }) => applicationNeighbours(params.id, query.k)));
