import { KordonApp } from '../components/app/KordonApp';
import { LivePage } from './live-page';

// Rendered per request: the data lives in the database, not in the build.
export const dynamic = 'force-dynamic';

export default function HomePage() {
  return <LivePage App={KordonApp} detail={null} />;
}
