// Which modes a checkpoint takes reports for: the catalogue's, with what a
// moderator opened or closed on top. The two are kept apart so that a newer
// catalogue never undoes a moderator's word, and a moderator's word never
// rewrites the catalogue.
import type { Mode } from './enums';
import { MODES } from './vocabulary';

export interface ModeOverrides {
  modes: readonly Mode[];
  modesEnabled?: readonly Mode[] | null;
  modesDisabled?: readonly Mode[] | null;
}

/** The modes in force, in the vocabulary's order. */
export function effectiveModes(row: ModeOverrides): Mode[] {
  const on = new Set<Mode>([...row.modes, ...(row.modesEnabled ?? [])]);
  for (const mode of row.modesDisabled ?? []) on.delete(mode);
  return MODES.filter((mode) => on.has(mode));
}

/** What a moderator must store so that `wanted` is in force over the catalogue's `catalogue`. */
export function overridesFor(catalogue: readonly Mode[], wanted: readonly Mode[]): { modesEnabled: Mode[]; modesDisabled: Mode[] } {
  return {
    modesEnabled: MODES.filter((mode) => wanted.includes(mode) && !catalogue.includes(mode)),
    modesDisabled: MODES.filter((mode) => catalogue.includes(mode) && !wanted.includes(mode)),
  };
}
