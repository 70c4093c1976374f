import { health } from '@/lib/api/operations';
import { healthStatus } from '@/lib/api/resources/health';
import { apiRoute, handle } from '@/lib/api/route';

export const dynamic = 'force-dynamic';

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = apiRoute(handle(health, () => healthStatus()));
