// The map costs a phone its script and the basemap it fetches (about 95 KB
// gzip), and on a phone's screen the list of waits answers the question
// sooner: markers crowd at the zoom that shows a whole border. So a phone, or
// any browser that says data saver is on or its link is 3G or slower, opens
// with the list and loads the map only when asked; a wide screen on a good
// link opens with the map. The person's own choice, either way, is remembered.
export type View = 'map' | 'list';

const STORAGE_KEY = 'kordon.view.v1';

/** What the browser says of its link (Network Information API; absent in some browsers). */
export interface LinkHints {
  saveData?: boolean;
  effectiveType?: string;
}

/** Links the Network Information API names slower than 4G: under about 700 kbps, or 270 ms a round trip. */
const POOR_LINKS = new Set(['slow-2g', '2g', '3g']);

/** Narrower than this, a screen is a phone's (in CSS pixels; a phone on its side is still narrower). */
export const NARROW_QUERY = '(max-width: 760px)';

/**
 * The view to open with: the remembered choice; else the list on a narrow screen, where data is saved or the link
 * is 3G or slower; else the map.
 */
export function initialView(options: { stored: string | null; saveDataHeader: boolean; link: LinkHints | undefined; narrow: boolean }): View {
  if (options.stored === 'map' || options.stored === 'list') return options.stored;
  const poor = options.saveDataHeader || options.link?.saveData === true || POOR_LINKS.has(options.link?.effectiveType ?? '');
  return poor || options.narrow ? 'list' : 'map';
}

export function storedView(): string | null {
  try {
    return window.localStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}

export function rememberView(view: View): void {
  try {
    window.localStorage.setItem(STORAGE_KEY, view);
  } catch {
    // Storage refused: the choice holds for this page only.
  }
}
