// The live page as both `/` and `/checkpoints/<id>` serve it: the data for the
// first render, fetched on the server, handed to the client app.
import type { NoScriptResult } from '../lib/ui/no-script-form';
import { KordonApp } from '../components/app/KordonApp';
import { NoScriptNotice } from '../components/NoScriptNotice';
import type { CheckpointDetail } from '../lib/checkpoints';
import { getServices } from '../lib/services';
import { requestLanguage } from './request-language';

export async function LivePage({ detail, formResult = null }: { detail: Promise<CheckpointDetail> | null; formResult?: NoScriptResult | null }) {
  const services = getServices();
  const [lang, checkpoints, opened] = await Promise.all([requestLanguage(), services.reads.checkpoints(), detail]);
  return (
    <>
      <NoScriptNotice lang={lang} />
      <KordonApp lang={lang} checkpoints={checkpoints} detail={opened} renderedAt={services.now().toISOString()} tiles={services.publicSettings.tiles} formResult={formResult} />
    </>
  );
}
