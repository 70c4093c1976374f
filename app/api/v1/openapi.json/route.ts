import { openApiText } from '@/lib/api/openapi';
import { openApi } from '@/lib/api/operations';
import { apiRoute, handle } from '@/lib/api/route';

export const dynamic = 'force-dynamic';

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = apiRoute(
  handle(openApi, () => new Response(openApiText(), { headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' } })),
);
