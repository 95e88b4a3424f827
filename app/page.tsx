import { KordonApp } from '../components/app/KordonApp';
import { viewFromQuery } from '../lib/ui/shared-view';
import { LivePage } from './live-page';

// Rendered per request: the data lives in the database, not in the build.
export const dynamic = 'force-dynamic';

export default async function HomePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  return <LivePage App={KordonApp} detail={null} view={viewFromQuery(await searchParams)} />;
}
