import { API_OPERATIONS as op } from '@/lib/api/operations';
import { API_ROUTES } from '@/lib/api/routes';

export const dynamic = 'force-dynamic';

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = API_ROUTES[op.scoreApplications.path];
