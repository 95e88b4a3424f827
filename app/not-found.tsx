import { headers } from 'next/headers';
import { NotFoundContent } from '../components/NotFoundContent';
import { suggestCheckpoints } from '../lib/checkpoint-suggestions';
import { PATH_HEADER } from './_lib/http';
import { getServices } from './_lib/services';
import { requestLanguage } from './request-language';

/** Any address Kordon does not know (a mistyped crossing's is answered by server/not-found-page.ts before this). */
export default async function NotFound() {
  const [lang, requestHeaders, checkpoints] = await Promise.all([requestLanguage(), headers(), getServices().reads.checkpoints()]);
  const typed = (requestHeaders.get(PATH_HEADER) ?? '').split('/').filter(Boolean).at(-1) ?? '';
  return <NotFoundContent lang={lang} guesses={suggestCheckpoints(typed, checkpoints)} />;
}
