import { getApplication } from '@/lib/api/operations';
import { applicationProfile } from '@/lib/api/resources/applications';
import { apiRoute, handle } from '@/lib/api/route';

export const dynamic = 'force-dynamic';

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = apiRoute(handle(getApplication, ({ params }) => applicationProfile(params.id)));
