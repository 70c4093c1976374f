import { getApplicationScore } from '@/lib/api/operations';
import { storedScore } from '@/lib/api/resources/scoring';
import { apiRoute, handle } from '@/lib/api/route';

export const dynamic = 'force-dynamic';

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = apiRoute(handle(getApplicationScore, ({ params }) => storedScore(params.id)));
