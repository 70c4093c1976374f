'use client';

import { type ReactNode, useEffect, useState } from 'react';
import { createPortal } from 'react-dom';

/**
 * Shows its children in the sticky site header's status slot (#site-header-status), so that the
 * selected client's decision stays visible while the analyst scrolls the client page.
 */
export function HeaderStatus({ children }: { children: ReactNode }) {
  const [target, setTarget] = useState<HTMLElement | null>(null);
  useEffect(() => setTarget(document.getElementById('site-header-status')), []);
  return target ? createPortal(children, target) : null;
}
