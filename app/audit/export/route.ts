import { hasRole } from '@/lib/accounts/accounts';
import { auditCsv, parseAuditQuery } from '@/lib/dashboard/auditPage';
import { sharedStore } from '@/lib/store/sharedStore';
import { currentPerson } from '../../_lib/person';

export const dynamic = 'force-dynamic';

/** CSV export of the filtered audit trail, for supervisors; streamed, stops when the client leaves. */
export async function GET(request: Request): Promise<Response> {
  const person = await currentPerson();
  if (!person || !hasRole(person, 'supervisor'))
    return new Response('Supervisors only: sign in at /connexion.\n', { status: 403, headers: { 'content-type': 'text/plain; charset=utf-8' } });
  let store;
  try {
    store = await sharedStore();
  } catch {
    return new Response('The decision store is unavailable.\n', {
      status: 503,
      headers: { 'content-type': 'text/plain; charset=utf-8', 'retry-after': '5' },
    });
  }
  const q = parseAuditQuery(Object.fromEntries(new URL(request.url).searchParams));
  return new Response(auditCsv(store, q, request.signal), {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="decisions-${new Date().toISOString().slice(0, 10)}.csv"`,
      'cache-control': 'no-store',
    },
  });
}
