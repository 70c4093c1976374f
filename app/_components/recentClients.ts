/**
 * The analyst's recently viewed clients, kept in this browser's localStorage (no server state,
 * nothing personal leaves the device). At most 8, most recent first.
 */
export interface RecentClient {
  readonly id: number;
  readonly decision?: 'accept' | 'refuse';
  readonly probability?: string;
  readonly at: number;
}

const KEY = 'pad.recentClients.v1';
const MAX = 8;
const EVENT = 'pad:recent-clients';

/** The raw stored list (a string, stable between calls, for useSyncExternalStore). */
export function recentClientsSnapshot(): string {
  try {
    return window.localStorage.getItem(KEY) ?? '[]';
  } catch {
    return '[]';
  }
}

export function parseRecentClients(raw: string): RecentClient[] {
  try {
    const parsed: unknown = JSON.parse(raw);
    if (!Array.isArray(parsed)) return [];
    return parsed.filter((x): x is RecentClient => typeof x === 'object' && x !== null && Number.isInteger((x as RecentClient).id)).slice(0, MAX);
  } catch {
    return [];
  }
}

/** Subscribes to changes of the list (this tab and other tabs). */
export function subscribeRecentClients(onChange: () => void): () => void {
  window.addEventListener('storage', onChange);
  window.addEventListener(EVENT, onChange);
  return () => {
    window.removeEventListener('storage', onChange);
    window.removeEventListener(EVENT, onChange);
  };
}

export function rememberClient(entry: Omit<RecentClient, 'at'>): void {
  try {
    const list = parseRecentClients(recentClientsSnapshot()).filter((x) => x.id !== entry.id);
    list.unshift({ ...entry, at: Date.now() });
    window.localStorage.setItem(KEY, JSON.stringify(list.slice(0, MAX)));
    window.dispatchEvent(new Event(EVENT));
  } catch {
    // Storage unavailable (private mode, quota): the list is a convenience only.
  }
}

export function clearRecentClients(): void {
  try {
    window.localStorage.removeItem(KEY);
    window.dispatchEvent(new Event(EVENT));
  } catch {
    // ignore
  }
}
