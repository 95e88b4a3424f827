// The colours the browser paints itself, outside the page (its bar, an installed app's title bar): the top bar's
// (app/base.css --bar), light and dark, said once for the live page, /list and the manifest.
export const BAR_COLOURS = { light: '#0b3d6e', dark: '#0b2744' } as const;

/** `theme-color` per scheme, as Next.js's viewport and a <meta media> each take it. */
export const THEME_COLOURS = (['light', 'dark'] as const).map((scheme) => ({ media: `(prefers-color-scheme: ${scheme})`, color: BAR_COLOURS[scheme] }));
