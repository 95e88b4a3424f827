// On a poor link the map costs more than it gives: its script, and the
// basemap it fetches. When the browser says data saver is on or the link is
// 2G, the page opens with the list of waits and loads the map only when asked;
// the person's own choice, either way, is remembered.
export type View = 'map' | 'list';

const STORAGE_KEY = 'kordon.view.v1';

/** What the browser says of its link (Network Information API; absent in some browsers). */
export interface LinkHints {
  saveData?: boolean;
  effectiveType?: string;
}

/** The view to open with: the remembered choice, else the list where the link is poor or data is saved. */
export function initialView(options: { stored: string | null; saveDataHeader: boolean; link: LinkHints | undefined }): View {
  if (options.stored === 'map' || options.stored === 'list') return options.stored;
  const poor = options.saveDataHeader || options.link?.saveData === true || options.link?.effectiveType === '2g' || options.link?.effectiveType === 'slow-2g';
  return poor ? 'list' : 'map';
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
