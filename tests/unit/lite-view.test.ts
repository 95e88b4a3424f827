import { describe, expect, it } from 'vitest';
import { initialView } from '../../lib/ui/lite-view';

const wide = { stored: null, saveDataHeader: false, narrow: false };

describe('the view a page opens with', () => {
  it('is the map on a wide screen with a good link, and the list where data is saved or the link is 3G or slower', () => {
    expect(initialView({ ...wide, link: { effectiveType: '4g' } })).toBe('map');
    expect(initialView({ ...wide, link: undefined })).toBe('map');
    expect(initialView({ ...wide, saveDataHeader: true, link: undefined })).toBe('list');
    expect(initialView({ ...wide, link: { saveData: true } })).toBe('list');
    expect(initialView({ ...wide, link: { effectiveType: 'slow-2g' } })).toBe('list');
    expect(initialView({ ...wide, link: { effectiveType: '2g' } })).toBe('list');
    expect(initialView({ ...wide, link: { effectiveType: '3g' } })).toBe('list');
  });

  it('is the list on a phone\'s narrow screen, whatever the link', () => {
    expect(initialView({ ...wide, narrow: true, link: { effectiveType: '4g' } })).toBe('list');
    expect(initialView({ ...wide, narrow: true, link: undefined })).toBe('list');
  });

  it('is what the person chose last, whatever the screen and link', () => {
    expect(initialView({ ...wide, stored: 'map', saveDataHeader: true, narrow: true, link: { effectiveType: '2g' } })).toBe('map');
    expect(initialView({ ...wide, stored: 'list', link: { effectiveType: '4g' } })).toBe('list');
    expect(initialView({ ...wide, stored: 'nonsense', link: undefined })).toBe('map');
  });
});
