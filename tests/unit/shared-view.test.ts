import { describe, expect, it } from 'vitest';
import { queryOfView, viewFromQuery } from '../../lib/ui/shared-view';

describe('a crossing\'s link', () => {
  it('carries direction and mode, leaves the defaults out, and reads back what it wrote', () => {
    expect(queryOfView({ direction: 'in', mode: 'truck' })).toBe('?direction=in&mode=truck');
    expect(queryOfView({ direction: 'out', mode: 'car' })).toBe('');
    expect(viewFromQuery({ direction: 'in', mode: 'truck' })).toEqual({ direction: 'in', mode: 'truck' });
    expect(viewFromQuery({})).toEqual({ direction: 'out', mode: 'car' });
    expect(viewFromQuery({ direction: 'sideways', mode: ['bus', 'car'] })).toEqual({ direction: 'out', mode: 'bus' });
  });
});
