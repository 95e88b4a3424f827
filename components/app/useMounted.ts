'use client';
import { useEffect, useState } from 'react';

/** False on the server and in the hydrating render: for what depends on the reader's time zone. */
export function useMounted(): boolean {
  const [mounted, setMounted] = useState(false);
  useEffect(() => setMounted(true), []);
  return mounted;
}
