'use client';
import type { Language } from '../../lib/i18n/languages';
import { MESSAGES } from '../../lib/i18n/messages';
import type { ConnectionState } from './useRealtime';

export function ConnectionIndicator(props: { state: ConnectionState; lang: Language; pending: number }) {
  const m = MESSAGES[props.lang];
  return (
    <p className="connection" role="status" data-state={props.state}>
      <span className="dot" aria-hidden="true" />
      <span className="visually-hidden">{`${m.connectionLabel}: `}</span>
      {m.connection[props.state]}
      {props.pending > 0 && <span className="pending-count">{` · ${m.pendingCount(props.pending)}`}</span>}
    </p>
  );
}
