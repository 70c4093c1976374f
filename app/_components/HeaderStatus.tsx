'use client';

import { type ReactNode, useSyncExternalStore } from 'react';
import { createPortal } from 'react-dom';

const noSubscription = () => () => {};

/**
 * Shows its children in the sticky site header's status slot (#site-header-status), so that the
 * selected client's decision stays visible while the analyst scrolls the client page.
 */
export function HeaderStatus({ children }: { children: ReactNode }) {
  const target = useSyncExternalStore(
    noSubscription,
    () => document.getElementById('site-header-status'),
    () => null,
  );
  return target ? createPortal(children, target) : null;
}
