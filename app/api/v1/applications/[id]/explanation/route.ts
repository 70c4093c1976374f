import { getApplicationExplanation } from '@/lib/api/operations';
import { storedExplanationResponse } from '@/lib/api/resources/scoring';
import { apiRoute, handle } from '@/lib/api/route';

export const dynamic = 'force-dynamic';

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = apiRoute(
  handle(getApplicationExplanation, ({ params, query }) => storedExplanationResponse(params.id, query.top, query.lang)),
);
