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

export function readRecentClients(): RecentClient[] {
  try {
    const raw = window.localStorage.getItem(KEY);
    const parsed: unknown = raw ? JSON.parse(raw) : [];
    if (!Array.isArray(parsed)) return [];
    return parsed.filter((x): x is RecentClient => typeof x === 'object' && x !== null && Number.isInteger((x as RecentClient).id)).slice(0, MAX);
  } catch {
    return [];
  }
}

export function rememberClient(entry: Omit<RecentClient, 'at'>): void {
  try {
    const list = readRecentClients().filter((x) => x.id !== entry.id);
    list.unshift({ ...entry, at: Date.now() });
    window.localStorage.setItem(KEY, JSON.stringify(list.slice(0, MAX)));
  } catch {
    // Storage unavailable (private mode, quota): the list is a convenience only.
  }
}

export function clearRecentClients(): void {
  try {
    window.localStorage.removeItem(KEY);
  } catch {
    // ignore
  }
}
