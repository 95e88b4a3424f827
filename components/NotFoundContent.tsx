// What an unknown address says, in the reader's language: a guess from the
// catalogue's names when one is close (a mistyped crossing), and a way back.
import type { NamedCheckpoint } from '../lib/checkpoint-suggestions';
import type { Language } from '../lib/i18n/languages';
import { PAGE_MESSAGES } from '../lib/i18n/page-messages';

export function NotFoundContent({ lang, guesses }: { lang: Language; guesses: readonly NamedCheckpoint[] }) {
  const m = PAGE_MESSAGES[lang];
  return (
    <main className="list-page not-found">
      <h1>{m.notFound.title}</h1>
      {guesses.length > 0 && (
        <>
          <p>{m.notFound.didYouMean}</p>
          <ul>
            {guesses.map((checkpoint) => (
              <li key={checkpoint.id}>
                <a href={`/checkpoints/${checkpoint.id}`}>{checkpoint.name[lang]}</a>
              </li>
            ))}
          </ul>
        </>
      )}
      <p>
        <a href="/">{m.notFound.home}</a>
      </p>
      <p>
        <a href="/list">{m.notFound.list}</a>
      </p>
    </main>
  );
}
