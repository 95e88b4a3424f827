import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { connectionCapacity, openFileLimit } from '../../server/connection-guard';
import { createConnectionShares } from '../../server/connection-shares';

describe('connection shares', () => {
  it('gives up a connection of the address holding the most, and follows the counts as they change', () => {
    const shares = createConnectionShares<string>();
    for (let i = 0; i < 5; i += 1) shares.add('script', `s${i}`);
    for (let i = 0; i < 3; i += 1) shares.add('carrier', `c${i}`);
    shares.add('phone', 'p0');
    expect(shares.size()).toBe(9);
    expect(shares.takenFromHeaviest()?.key).toBe('script');
    // Three of the script's close: the carrier now holds the most.
    for (const member of ['s0', 's1', 's2']) shares.remove('script', member);
    expect(shares.takenFromHeaviest()?.key).toBe('carrier');
    // Removing twice, or what was never added, changes nothing.
    shares.remove('carrier', 'c0');
    shares.remove('carrier', 'c0');
    shares.remove('phone', 'nobody');
    expect(shares.size()).toBe(5);
    expect(['script', 'carrier']).toContain(shares.takenFromHeaviest()?.key);
    for (const member of ['s3', 's4', 'c1', 'c2', 'p0']) shares.remove(member.startsWith('s') ? 'script' : member.startsWith('c') ? 'carrier' : 'phone', member);
    expect(shares.size()).toBe(0);
    expect(shares.takenFromHeaviest()).toBeUndefined();
  });

  it('picks the heaviest address’s member at random, each one reachable', () => {
    const shares = createConnectionShares<string>();
    for (let i = 0; i < 4; i += 1) shares.add('a', `a${i}`);
    shares.add('b', 'b0');
    const picked = [0, 0.3, 0.6, 0.99].map((r) => shares.takenFromHeaviest(() => r)?.member);
    expect(picked).toEqual(['a0', 'a1', 'a2', 'a3']);
    // A member removed from the middle leaves the rest reachable.
    shares.remove('a', 'a1');
    const left = [0, 0.4, 0.8].map((r) => shares.takenFromHeaviest(() => r)?.member);
    expect(new Set(left)).toEqual(new Set(['a0', 'a2', 'a3']));
  });
});

describe('how many connections a node holds', () => {
  it('keeps descriptors free for everything else below the process’s limit', () => {
    expect(connectionCapacity(20_000, null)).toBe(20_000);
    expect(connectionCapacity(20_000, 65_536)).toBe(20_000);
    expect(connectionCapacity(20_000, 20_000)).toBe(19_744);
    expect(connectionCapacity(20_000, 1024)).toBe(768);
    expect(connectionCapacity(20_000, 256)).toBe(128);
    expect(connectionCapacity(60, 1024)).toBe(60);
  });

  it('reads the soft limit on open files from /proc, and nothing from a file it cannot read', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kordon-limits-'));
    const file = join(dir, 'limits');
    writeFileSync(
      file,
      ['Limit                     Soft Limit           Hard Limit           Units', 'Max processes             63449                63449                processes', 'Max open files            1024                 1048576              files', ''].join('\n'),
    );
    expect(openFileLimit(file)).toBe(1024);
    writeFileSync(file, 'Max open files            unlimited            unlimited            files\n');
    expect(openFileLimit(file)).toBeNull();
    expect(openFileLimit(join(dir, 'missing'))).toBeNull();
  });
});
