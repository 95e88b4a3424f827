// How /list orders the crossings: by name in the reader's language or by
// wait, grouped by border and then by the Russian region they lie in; or,
// from a start, as one list by distance or by drive + wait (lib/trip/rank.ts).
import type { Border } from '../borders';
import type { CheckpointView } from '../checkpoints';
import type { Direction, Mode } from '../enums';
import type { Language } from '../i18n/languages';
import { regionName } from '../i18n/regions';
import type { Drive, Point } from '../trip/drive';
import { estimateDrive } from '../trip/drive';
import { nearerUnreported, rankCrossings } from '../trip/rank';
import { mergeEstimates } from './estimate-store';
import { shownEstimate } from './wait-bands';
import { estimateFor } from './estimate-words';

export const LIST_SORTS = ['name', 'wait', 'distance', 'total'] as const;
export type ListSort = (typeof LIST_SORTS)[number];

export interface ListRow {
  checkpoint: CheckpointView;
  /** From the start, when there is one. */
  drive: Drive | null;
  total: number | null;
  aboutEqualToPrevious: boolean;
  /** The total counts the post's opening hours (lib/trip/rank.ts). */
  hoursCounted?: boolean;
}

export type ListOrder =
  | { kind: 'grouped'; borders: { border: Border; regions: { region: string; rows: ListRow[] }[] }[] }
  | {
      kind: 'ranked';
      rows: ListRow[];
      /** By drive and wait: crossings without a recent wait that may be quicker than the first (nearerUnreported, lib/trip/rank.ts). */
      nearerUnreported?: { nearest: CheckpointView; driveMinutes: number; count: number } | null;
    };

export interface ListOrderOptions {
  borders: readonly Border[];
  checkpoints: readonly CheckpointView[];
  direction: Direction;
  mode: Mode;
  lang: Language;
  sort: ListSort;
  start: Point | null;
  drives?: ReadonlyMap<string, Drive>;
  /** Now: the crowd signals of the estimates are read as of then (lib/trip/rank.ts). */
  now: Date;
}

export function orderList(options: ListOrderOptions): ListOrder {
  const { lang, start } = options;
  const driveTo = (checkpoint: CheckpointView) => (start ? (options.drives?.get(checkpoint.id) ?? estimateDrive(start, checkpoint)) : null);
  if (start && (options.sort === 'distance' || options.sort === 'total')) {
    if (options.sort === 'total') {
      const estimates = mergeEstimates({}, options.checkpoints.flatMap((c) => c.estimates));
      const byId = new Map(options.checkpoints.map((c) => [c.id, c]));
      const drives = new Map(options.checkpoints.map((c) => [c.id, driveTo(c)!]));
      const ranked = rankCrossings({ start, checkpoints: options.checkpoints, estimates, direction: options.direction, mode: options.mode, drives, now: options.now });
      const nearer = nearerUnreported(ranked);
      return {
        kind: 'ranked',
        rows: ranked.map((row) => ({ checkpoint: byId.get(row.checkpoint.id)!, drive: row.drive, total: row.total, aboutEqualToPrevious: row.aboutEqualToPrevious, hoursCounted: row.hoursCounted })),
        nearerUnreported: nearer && { nearest: byId.get(nearer.nearest.checkpoint.id)!, driveMinutes: nearer.nearest.drive.minutes, count: nearer.count },
      };
    }
    const rows = options.checkpoints.map((checkpoint) => ({ checkpoint, drive: driveTo(checkpoint), total: null, aboutEqualToPrevious: false }));
    return { kind: 'ranked', rows: rows.sort((a, b) => a.drive!.km - b.drive!.km) };
  }
  const collator = new Intl.Collator(lang);
  const waitOf = (checkpoint: CheckpointView) => {
    if (!checkpoint.modes.includes(options.mode)) return Infinity;
    const { wait, quality } = shownEstimate(estimateFor(checkpoint.estimates, options));
    // Old numbers after live ones, none at all last.
    return wait === null ? Infinity : quality === 'old' ? 1e9 + wait : wait;
  };
  const compare =
    options.sort === 'wait'
      ? (a: CheckpointView, b: CheckpointView) => waitOf(a) - waitOf(b) || collator.compare(a.name[lang], b.name[lang])
      : (a: CheckpointView, b: CheckpointView) => collator.compare(a.name[lang], b.name[lang]);
  return {
    kind: 'grouped',
    borders: options.borders.map((border) => {
      const here = options.checkpoints.filter((c) => c.border === border.code);
      const regions = [...new Set(here.map((c) => c.russianSide.region))]
        .map((region) => ({
          region: regionName(region, lang),
          rows: here
            .filter((c) => c.russianSide.region === region)
            .sort(compare)
            .map((checkpoint) => ({ checkpoint, drive: driveTo(checkpoint), total: null, aboutEqualToPrevious: false })),
        }))
        // Regions in the order of their best crossing, so that sorting by wait still puts the shortest first.
        .sort((a, b) => compare(a.rows[0]!.checkpoint, b.rows[0]!.checkpoint));
      return { border, regions };
    }),
  };
}
