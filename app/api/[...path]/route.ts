import { problemRoute, ROUTE_METHODS, type RouteHandlers } from '@/lib/api/route';

export const dynamic = 'force-dynamic';

/** Any path under /api that no route matches: 404 as a problem document, whatever the method. */
const notFound = problemRoute('/api/*', 'not-found', () => 'No API route matches this path; the routes are listed in /api/v1/openapi.json.');
const handlers = Object.fromEntries([...ROUTE_METHODS, 'OPTIONS'].map((m) => [m, notFound])) as RouteHandlers;

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = handlers;
