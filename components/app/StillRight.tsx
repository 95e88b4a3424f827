'use client';
// "Still right?" under the wait: one tap says the wait on the screen is right,
// longer or shorter than that, a light report the estimator weighs as such.
import { useState } from 'react';
import type { Verdict } from '../../lib/enums';
import type { Language } from '../../lib/i18n/languages';
import { MESSAGES } from '../../lib/i18n/messages';
import { VERDICTS } from '../../lib/vocabulary';
import { useMounted } from './useMounted';

export function StillRight(props: { lang: Language; onSay: (verdict: Verdict) => Promise<boolean> }) {
  const m = MESSAGES[props.lang];
  const [said, setSaid] = useState<'idle' | 'sending' | 'done' | 'failed'>('idle');
  // Its buttons need the page's script: without it they are not offered (the form above is, and works).
  const mounted = useMounted();
  const say = async (verdict: Verdict) => {
    setSaid('sending');
    setSaid((await props.onSay(verdict)) ? 'done' : 'failed');
  };
  if (!mounted) return null;
  if (said === 'done') return <p className="still-right muted" role="status">{m.verdictThanks}</p>;
  return (
    <div className="still-right" role="group" aria-label={m.verdictQuestion}>
      <span>{m.verdictQuestion}</span>
      <div className="signal-taps">
        {VERDICTS.map((verdict) => (
          <button key={verdict} type="button" data-verdict={verdict} disabled={said === 'sending'} onClick={() => void say(verdict)}>
            {m.verdicts[verdict]}
          </button>
        ))}
      </div>
      {said === 'failed' && <p className="muted" role="status">{m.verdictFailed}</p>}
    </div>
  );
}
