// The closed vocabularies as plain lists, free of zod so the browser bundle
// can use them; lib/enums.ts builds the validating schemas from these.
export const BORDER_CODES = ['FI', 'GE', 'KZ', 'MN'] as const;
/** `out` = leaving Russia, `in` = entering Russia. */
export const DIRECTIONS = ['out', 'in'] as const;
export const MODES = ['car', 'truck', 'bus', 'pedestrian', 'bicycle'] as const;
export const ACCESS_KINDS = ['multilateral', 'bilateral', 'restricted'] as const;
export const CHECKPOINT_STATUSES = ['open', 'restricted', 'closed'] as const;
/** As the catalogue spells them; the database stores "road-crossing" as road_crossing (lib/catalogue.ts). */
export const COORDINATE_QUALITIES = ['checkpoint', 'road-crossing', 'settlement', 'approximate'] as const;

/**
 * What a crowd can say in one tap that numbers cannot: the post is closed, the queue does not move, only people on
 * foot are let through, people are turned back, officials check draft status at the post.
 */
/** "Still right?" on the wait shown: a light report. */
export const VERDICTS = ['right', 'longer', 'shorter'] as const;

export const CROWD_SIGNALS = ['closed', 'not_moving', 'foot_only', 'turning_back', 'draft_checks'] as const;

/** `value` if it is a word of `words` (a field's value, a query's, a parsed JSON's): typed as one. */
export const oneOf = <T extends string>(words: readonly T[], value: unknown): T | null =>
  typeof value === 'string' && (words as readonly string[]).includes(value) ? (value as T) : null;
