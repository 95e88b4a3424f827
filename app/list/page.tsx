import { CheckpointList } from '../../components/CheckpointList';
import { BORDERS } from '../../lib/borders';
import { direction as directionSchema, mode as modeSchema } from '../../lib/enums';
import { MESSAGES } from '../../lib/i18n/messages';
import { getServices } from '../../lib/services';
import { DIRECTIONS, MODES } from '../../lib/vocabulary';
import { requestLanguage } from '../request-language';

export const dynamic = 'force-dynamic';

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** The list works without JavaScript: direction and mode come from a plain GET form. */
export default async function ListPage({ searchParams }: { searchParams: SearchParams }) {
  const query = await searchParams;
  // A hand-edited address falls back to the defaults rather than an error page.
  const direction = directionSchema.catch('out').parse(query.direction);
  const mode = modeSchema.catch('car').parse(query.mode);
  const services = getServices();
  const [lang, checkpoints] = await Promise.all([requestLanguage(), services.reads.checkpoints()]);
  const m = MESSAGES[lang];
  return (
    <main className="list-page">
      <p>
        <a href="/">{`← ${m.map}`}</a>
      </p>
      <h1>{`${m.appName} · ${m.listTitle}`}</h1>
      <form method="get" action="/list" className="list-filter">
        <label>
          {m.direction}{' '}
          <select name="direction" defaultValue={direction}>
            {DIRECTIONS.map((d) => (
              <option key={d} value={d}>
                {m.directions[d]}
              </option>
            ))}
          </select>
        </label>{' '}
        <label>
          {m.mode}{' '}
          <select name="mode" defaultValue={mode}>
            {MODES.map((value) => (
              <option key={value} value={value}>
                {m.modes[value]}
              </option>
            ))}
          </select>
        </label>{' '}
        <button type="submit">{m.show}</button>
      </form>
      <CheckpointList borders={BORDERS} checkpoints={checkpoints} lang={lang} direction={direction} mode={mode} now={services.now()} />
      <p>
        <a href="/privacy">{m.privacy}</a>
      </p>
    </main>
  );
}
