import type { Metadata } from 'next';
import { resultOf } from '../../../lib/ui/no-script-form';
import { notFound } from 'next/navigation';
import { AppError } from '../../../lib/errors';
import { MESSAGES } from '../../../lib/i18n/messages';
import { checkpointIdSchema } from '../../../lib/reports/input';
import { getServices } from '../../_lib/services';
import { KordonCheckpointApp } from '../../../components/app/KordonCheckpointApp';
import { LivePage } from '../../live-page';
import { formatAgo, formatWait } from '../../../lib/i18n/format';
import { estimateFor, noWaitText, waitLabel } from '../../../lib/ui/estimate-words';
import { viewFromQuery } from '../../../lib/ui/shared-view';
import { shownEstimate } from '../../../lib/ui/wait-bands';
import { requestLanguage } from '../../request-language';

export const dynamic = 'force-dynamic';

type Params = { params: Promise<{ id: string }>; searchParams?: Promise<Record<string, string | string[] | undefined>> };

async function load(id: string) {
  if (!checkpointIdSchema.safeParse(id).success) notFound();
  const services = getServices();
  try {
    return await services.reads.checkpoint(id);
  } catch (error) {
    if (error instanceof AppError && error.code === 'not_found') notFound();
    throw error;
  }
}

/**
 * A link preview names the crossing and its current wait for the direction and mode the link carries, from the server
 * alone (no image service): "Верхний Ларс – Дарьяли: ≈ 3,5 ч".
 */
export async function generateMetadata({ params, searchParams }: Params): Promise<Metadata> {
  const { id } = await params;
  if (!checkpointIdSchema.safeParse(id).success) return {};
  const lang = await requestLanguage();
  const m = MESSAGES[lang];
  const view = viewFromQuery((await searchParams) ?? {});
  const checkpoint = await getServices()
    .reads.checkpoint(id)
    .catch(() => null);
  if (!checkpoint) return {};
  const estimate = estimateFor(checkpoint.estimates, view);
  const { wait, quality } = shownEstimate(estimate);
  const name = checkpoint.name[lang];
  const title = wait === null ? `${name} — ${m.appName}` : `${name}: ${waitLabel(wait, quality, lang)} — ${m.appName}`;
  const facts = [`${m.directions[view.direction]}, ${m.modes[view.mode].toLowerCase()}`];
  if (wait === null) facts.push(noWaitText(estimate, lang));
  else if (quality === 'old' && estimate?.lastReportAt) facts.push(m.oldEstimate(formatWait(wait, lang), formatAgo(estimate.lastReportAt, getServices().now(), lang)));
  else {
    facts.push(m.waitAbout(formatWait(wait, lang)));
    if (estimate && estimate.low !== null && estimate.high !== null) facts.push(m.range(formatWait(estimate.low, lang), formatWait(estimate.high, lang)));
  }
  const description = `${facts.join('; ')}. ${m.tagline}.`;
  return { title, description, openGraph: { title, description, type: 'website', siteName: m.appName } };
}

export default async function CheckpointPage({ params, searchParams }: Params) {
  const { id } = await params;
  // Known before anything is sent: an unknown id is a whole 404 page, readable without scripts, not one streamed into a
  // page already begun (which only a script would show).
  const detail = await load(id);
  // After the form without scripts: its redirect's address says what happened.
  const query = (await searchParams) ?? {};
  return <LivePage App={KordonCheckpointApp} detail={Promise.resolve(detail)} formResult={resultOf(query)} view={viewFromQuery(query)} />;
}
