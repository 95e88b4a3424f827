// The live page as both `/` and `/checkpoints/<id>` serve it: the data for the
// first render, fetched on the server, handed to the client app.
import type { NoScriptResult } from '../lib/ui/no-script-form';
import type { ComponentType } from 'react';
import type { KordonAppProps } from '../components/app/KordonApp';
import { NoScriptNotice } from '../components/NoScriptNotice';
import { summariseCheckpoint, type CheckpointDetail } from '../lib/checkpoints';
import { getServices } from './_lib/services';
import { DEFAULT_VIEW, type SharedView } from '../lib/ui/shared-view';
import { requestLanguage } from './request-language';
import { headers } from 'next/headers';

/**
 * `App` is the client app the route imports: each route's script holds only what its own import reaches, so `/` does not
 * carry the checkpoint panel that /checkpoints/<id> renders at once (components/app/panel-source.tsx).
 */
export async function LivePage({
  App,
  detail,
  formResult = null,
  view = DEFAULT_VIEW,
}: {
  App: ComponentType<KordonAppProps>;
  detail: Promise<CheckpointDetail> | null;
  formResult?: NoScriptResult | null;
  /** The direction and mode the page's address asks for (a shared link). */
  view?: SharedView;
}) {
  const services = getServices();
  const [lang, checkpoints, opened, requestHeaders] = await Promise.all([requestLanguage(), services.reads.checkpoints(), detail, headers()]);
  // The browser asks to save data: the page opens with the list, the map only when asked.
  const saveData = requestHeaders.get('save-data')?.toLowerCase() === 'on';
  const renderedAt = services.now().toISOString();
  return (
    <>
      <NoScriptNotice lang={lang} />
      <App lang={lang} checkpoints={checkpoints.map(summariseCheckpoint)} detail={opened} renderedAt={renderedAt} tiles={services.publicSettings.tiles} formResult={formResult} saveData={saveData} view={view} />
    </>
  );
}
