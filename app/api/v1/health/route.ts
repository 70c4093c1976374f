import { NextResponse } from 'next/server';

export const dynamic = 'force-dynamic';

/** Liveness probe. */
export function GET() {
  return NextResponse.json({ status: 'ok' });
}
