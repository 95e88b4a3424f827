// What a crossing's link carries so that whoever opens it sees the same view:
// /checkpoints/<id>?direction=in&mode=truck. The defaults (leaving Russia, by
// car) are left out of the address.
// No zod here: the browser's first script uses this, and the plain lists are enough to check a query.
import type { Direction, Mode } from '../enums';
import { DIRECTIONS, MODES, oneOf } from '../vocabulary';

export interface SharedView {
  direction: Direction;
  mode: Mode;
}

export const DEFAULT_VIEW: SharedView = { direction: 'out', mode: 'car' };

/** From a page's query; a value that is not one falls back to the default. */
export function viewFromQuery(query: Record<string, string | string[] | undefined>): SharedView {
  const one = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);
  const direction = one(query.direction);
  const mode = one(query.mode);
  return {
    direction: oneOf(DIRECTIONS, direction) ?? DEFAULT_VIEW.direction,
    mode: oneOf(MODES, mode) ?? DEFAULT_VIEW.mode,
  };
}

/** The query that says a view ("" for the default one). */
export function queryOfView(view: SharedView): string {
  const params = new URLSearchParams();
  if (view.direction !== DEFAULT_VIEW.direction) params.set('direction', view.direction);
  if (view.mode !== DEFAULT_VIEW.mode) params.set('mode', view.mode);
  const text = params.toString();
  return text ? `?${text}` : '';
}
