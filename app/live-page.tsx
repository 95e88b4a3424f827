// The live page as both `/` and `/checkpoints/<id>` serve it: the data for the
// first render, fetched on the server, handed to the client app.
import type { NoScriptResult } from '../lib/ui/no-script-form';
import { KordonApp } from '../components/app/KordonApp';
import { NoScriptNotice } from '../components/NoScriptNotice';
import type { CheckpointDetail } from '../lib/checkpoints';
import { getServices } from '../lib/services';
import { requestLanguage } from './request-language';
import { headers } from 'next/headers';

export async function LivePage({ detail, formResult = null }: { detail: Promise<CheckpointDetail> | null; formResult?: NoScriptResult | null }) {
  const services = getServices();
  const [lang, checkpoints, opened, requestHeaders] = await Promise.all([requestLanguage(), services.reads.checkpoints(), detail, headers()]);
  // The browser asks to save data: the page opens with the list, the map only when asked.
  const saveData = requestHeaders.get('save-data')?.toLowerCase() === 'on';
  return (
    <>
      <NoScriptNotice lang={lang} />
      <KordonApp lang={lang} checkpoints={checkpoints} detail={opened} renderedAt={services.now().toISOString()} tiles={services.publicSettings.tiles} formResult={formResult} saveData={saveData} />
    </>
  );
}
