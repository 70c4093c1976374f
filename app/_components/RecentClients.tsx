'use client';

import Link from 'next/link';
import { useEffect, useMemo, useSyncExternalStore } from 'react';
import { DecisionBadge } from './DecisionBadge';
import { clearRecentClients, parseRecentClients, recentClientsSnapshot, rememberClient, subscribeRecentClients } from './recentClients';

/** The list of recently viewed clients (read after mount: localStorage does not exist on the server). */
export function RecentClients({
  heading,
  empty,
  clear,
  clientLabel,
  accept,
  refuse,
}: {
  heading: string;
  empty: string;
  clear: string;
  clientLabel: string;
  accept: string;
  refuse: string;
}) {
  // null on the server and during hydration: localStorage exists only in the browser.
  const raw = useSyncExternalStore(subscribeRecentClients, recentClientsSnapshot, () => null);
  const items = useMemo(() => (raw === null ? null : parseRecentClients(raw)), [raw]);
  return (
    <section aria-labelledby="recent-heading">
      <h2 id="recent-heading">{heading}</h2>
      {items === null ? null : items.length === 0 ? (
        <p className="muted">{empty}</p>
      ) : (
        <>
          <ul className="recent-list">
            {items.map((c) => (
              <li key={c.id}>
                <Link href={`/dashboard/clients/${c.id}`}>
                  <span>
                    {clientLabel} {c.id}
                  </span>
                  {c.decision ? <DecisionBadge decision={c.decision} label={c.decision === 'accept' ? accept : refuse} /> : null}
                  {c.probability ? <span className="muted">{c.probability}</span> : null}
                </Link>
              </li>
            ))}
          </ul>
          <button type="button" className="button" onClick={clearRecentClients}>
            {clear}
          </button>
        </>
      )}
    </section>
  );
}

/** Records the current client in the recently viewed list (renders nothing). */
export function RememberClient({ id, decision, probability }: { id: number; decision?: 'accept' | 'refuse'; probability?: string }) {
  useEffect(() => {
    rememberClient({ id, ...(decision ? { decision } : {}), ...(probability ? { probability } : {}) });
  }, [id, decision, probability]);
  return null;
}
