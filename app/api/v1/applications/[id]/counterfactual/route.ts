import { getCounterfactual } from '@/lib/api/operations';
import { counterfactualResponse } from '@/lib/api/resources/counterfactual';
import { apiRoute, handle } from '@/lib/api/route';

export const dynamic = 'force-dynamic';

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = apiRoute(handle(getCounterfactual, ({ params }) => counterfactualResponse(params.id)));
