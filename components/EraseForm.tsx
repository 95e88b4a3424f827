'use client';
// The confirm of "erase Kordon from this phone". Without scripts it is a plain
// form that posts to /erase/now. With them it first erases what a script can
// reach, then posts, so that a browser ignoring Clear-Site-Data loses it too;
// offline, where the post cannot go, it says what was erased and what waits.
import { useState, type FormEvent } from 'react';
import type { Language } from '../lib/i18n/languages';
import { PAGE_MESSAGES } from '../lib/i18n/page-messages';
import { useForgetWaitingEndpoints } from './app/usePush';
import { eraseHere } from './erase-here';

export function EraseForm({ lang }: { lang: Language }) {
  const e = PAGE_MESSAGES[lang].erase;
  const [offlineDone, setOfflineDone] = useState(false);
  // A push subscription turned off offline is deleted on the server once the link is back, from this page too.
  useForgetWaitingEndpoints();
  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    await eraseHere();
    if (navigator.onLine) form.submit();
    else setOfflineDone(true);
  };
  if (offlineDone) {
    return (
      <div className="erased" role="status">
        <h2>{e.doneTitle}</h2>
        <p>{e.doneOffline}</p>
      </div>
    );
  }
  return (
    <form method="post" action="/erase/now" className="erase-form" onSubmit={(event) => void onSubmit(event)}>
      <button type="submit" className="primary danger">
        {e.confirm}
      </button>
      <a href="/">{e.cancel}</a>
    </form>
  );
}
