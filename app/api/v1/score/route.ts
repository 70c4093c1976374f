import { scoreApplications } from '@/lib/api/operations';
import { scoreRawApplications } from '@/lib/api/resources/scoring';
import { apiRoute, handle } from '@/lib/api/route';

export const dynamic = 'force-dynamic';

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = apiRoute(handle(scoreApplications, ({ query, body }) => scoreRawApplications(body, query)));
