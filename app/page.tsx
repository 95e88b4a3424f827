import { KordonApp } from '../components/app/KordonApp';
import { NoScriptNotice } from '../components/NoScriptNotice';
import { listCheckpoints } from '../lib/checkpoints';
import { getServices } from '../lib/services';
import { requestLanguage } from './request-language';

// Rendered per request: the data lives in the database, not in the build.
export const dynamic = 'force-dynamic';

export default async function HomePage() {
  const services = getServices();
  const [lang, checkpoints] = await Promise.all([requestLanguage(), listCheckpoints({ prisma: services.prisma })]);
  return (
    <>
      <NoScriptNotice lang={lang} />
      <KordonApp
        lang={lang}
        checkpoints={checkpoints}
        detail={null}
        renderedAt={services.now().toISOString()}
        tiles={services.publicSettings.tiles}
      />
    </>
  );
}
