import { NextResponse } from 'next/server';
import { suggestions } from '@/lib/dashboard/search';
import { searchInputs } from '@/lib/dashboard/engine';
import { requestLocale } from '@/lib/i18n/request';

export const dynamic = 'force-dynamic';

/** Type-ahead suggestions for the search combobox: GET /dashboard/suggestions?q=1000 (internal to the dashboard). */
export async function GET(request: Request) {
  const q = new URL(request.url).searchParams.get('q') ?? '';
  const locale = await requestLocale();
  // Per-client answer (it lists applications): never stored by a browser or a shared cache.
  return NextResponse.json({ suggestions: suggestions(q.slice(0, 20), locale, await searchInputs()) }, { headers: { 'cache-control': 'no-store' } });
}
