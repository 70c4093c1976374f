import { getModelCard } from '@/lib/api/operations';
import { modelCardBody } from '@/lib/api/resources/model';
import { apiRoute, handle } from '@/lib/api/route';

export const dynamic = 'force-dynamic';

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = apiRoute(handle(getModelCard, ({ query }) => modelCardBody(query.lang)));
