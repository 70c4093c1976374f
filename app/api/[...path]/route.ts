import { API_NOT_FOUND } from '@/lib/api/routes';

export const dynamic = 'force-dynamic';

/** Any path under /api that no route matches: 404 as a problem document, whatever the method. */
export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = API_NOT_FOUND;
