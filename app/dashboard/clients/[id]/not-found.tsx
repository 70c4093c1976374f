import Link from 'next/link';
import { requestDictionary } from '@/lib/i18n/request';

/** 404 for an unknown or malformed client id (/dashboard/clients/abc, /dashboard/clients/1). */
export default async function ClientNotFound() {
  const { t } = await requestDictionary();
  const c = t.dashboard.client;
  return (
    <>
      <h1>{c.notFoundTitle}</h1>
      <p>{c.notFoundGeneric}</p>
      <p>
        <Link href="/dashboard">{c.notFoundLink}</Link>
      </p>
    </>
  );
}
