import type { Metadata } from 'next';
import { EraseForm } from '../../components/EraseForm';
import { PAGE_MESSAGES } from '../../lib/i18n/page-messages';
import { requestLanguage } from '../request-language';

export const metadata: Metadata = { title: 'Кордон · Kordon' };
export const dynamic = 'force-dynamic';

/** "Erase Kordon from this phone": one confirm, as a plain form, so it works without scripts too. */
export default async function ErasePage() {
  const lang = await requestLanguage();
  const e = PAGE_MESSAGES[lang].erase;
  return (
    <main className="list-page erase-page">
      <h1>{e.title}</h1>
      <p>{e.what}</p>
      <p>
        <strong>{e.unsent}</strong>
      </p>
      <p className="muted">{e.history}</p>
      <EraseForm lang={lang} />
    </main>
  );
}
