import { describe, expect, it } from 'vitest';
import { initialView } from '../../lib/ui/lite-view';

describe('the view a page opens with', () => {
  it('is the list where data is saved or the link is 2G, else the map; a remembered choice wins', () => {
    expect(initialView({ stored: null, saveDataHeader: false, link: { effectiveType: '4g' } })).toBe('map');
    expect(initialView({ stored: null, saveDataHeader: false, link: undefined })).toBe('map');
    expect(initialView({ stored: null, saveDataHeader: true, link: undefined })).toBe('list');
    expect(initialView({ stored: null, saveDataHeader: false, link: { saveData: true } })).toBe('list');
    expect(initialView({ stored: null, saveDataHeader: false, link: { effectiveType: 'slow-2g' } })).toBe('list');
    expect(initialView({ stored: null, saveDataHeader: false, link: { effectiveType: '2g' } })).toBe('list');
    expect(initialView({ stored: 'map', saveDataHeader: true, link: { effectiveType: '2g' } })).toBe('map');
    expect(initialView({ stored: 'list', saveDataHeader: false, link: { effectiveType: '4g' } })).toBe('list');
    expect(initialView({ stored: 'nonsense', saveDataHeader: false, link: undefined })).toBe('map');
  });
});
