import { CheckpointList } from '../components/CheckpointList';
import { BORDERS } from '../lib/borders';
import { listCheckpoints } from '../lib/checkpoints';
import { getServices } from '../lib/services';

// Rendered per request: the data lives in the database, not in the build.
export const dynamic = 'force-dynamic';

export default async function HomePage() {
  const checkpoints = await listCheckpoints({ prisma: getServices().prisma });
  return (
    <main>
      <h1>Кордон · Kordon</h1>
      <p className="lead">
        Пункты пропуска из России в Финляндию, Грузию, Казахстан и Монголию.
        <br />
        <span lang="en">Road border crossings out of Russia into Finland, Georgia, Kazakhstan and Mongolia.</span>
      </p>
      <CheckpointList borders={BORDERS} checkpoints={checkpoints} />
    </main>
  );
}
