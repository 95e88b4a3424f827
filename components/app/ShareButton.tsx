'use client';
// "Поделиться": the crossing's address as it stands (its direction and mode
// in the query), through the phone's own share sheet where the browser has
// one, else copied. Nothing goes to any other service.
import { useState } from 'react';
import type { Language } from '../../lib/i18n/languages';
import { PAGE_MESSAGES } from '../../lib/i18n/page-messages';
import { useMounted } from './useMounted';

export function ShareButton({ title, lang }: { title: string; lang: Language }) {
  const m = PAGE_MESSAGES[lang];
  const mounted = useMounted();
  const [said, setSaid] = useState<string | null>(null);
  // Without scripts it could do nothing: the address bar is the way to share then.
  if (!mounted) return null;
  const share = async () => {
    const url = window.location.href;
    try {
      if (typeof navigator.share === 'function') await navigator.share({ title, url });
      else {
        await navigator.clipboard.writeText(url);
        setSaid(m.share.copied);
      }
    } catch {
      // Dismissed, or the clipboard refused: the address bar still has it.
      setSaid(null);
    }
  };
  return (
    <p className="share">
      <button type="button" className="share-button" onClick={() => void share()}>
        {m.share.button}
      </button>
      {said && <span role="status">{said}</span>}
    </p>
  );
}
