import { apiRoute, handle } from '@/lib/api/route';
import { classifyText } from '@/lib/nlp/apiResource';
import { classifyProductText } from '@/lib/nlp/apiSchemas';

export const dynamic = 'force-dynamic';

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = apiRoute(handle(classifyProductText, ({ body }) => classifyText(body)));
