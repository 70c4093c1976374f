import { listApplications } from '@/lib/api/operations';
import { applicationList } from '@/lib/api/resources/applications';
import { apiRoute, handle } from '@/lib/api/route';

export const dynamic = 'force-dynamic';

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = apiRoute(handle(listApplications, ({ query }) => applicationList(query)));
