import { whatIf } from '@/lib/api/operations';
import { whatIfBody } from '@/lib/api/resources/whatIf';
import { apiRoute, handle } from '@/lib/api/route';

export const dynamic = 'force-dynamic';

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = apiRoute(handle(whatIf, ({ params, query, body }) => whatIfBody(params.id, body.changes, query.top)));
