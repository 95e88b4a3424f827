import type { Metadata } from 'next';
import { resultOf } from '../../../lib/ui/no-script-form';
import { notFound } from 'next/navigation';
import { AppError } from '../../../lib/errors';
import { MESSAGES } from '../../../lib/i18n/messages';
import { checkpointIdSchema } from '../../../lib/reports/input';
import { getServices } from '../../../lib/services';
import { KordonCheckpointApp } from '../../../components/app/KordonCheckpointApp';
import { LivePage } from '../../live-page';
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

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { id } = await params;
  const lang = await requestLanguage();
  const prisma = getServices().prisma;
  const row = checkpointIdSchema.safeParse(id).success ? await prisma.checkpoint.findUnique({ where: { id }, select: { nameEn: true, nameRu: true } }) : null;
  if (!row) return {};
  return { title: `${lang === 'ru' ? row.nameRu : row.nameEn} — ${MESSAGES[lang].appName}` };
}

export default async function CheckpointPage({ params, searchParams }: Params) {
  const { id } = await params;
  // After the form without scripts: its redirect's address says what happened.
  return <LivePage App={KordonCheckpointApp} detail={load(id)} formResult={resultOf((await searchParams) ?? {})} />;
}
