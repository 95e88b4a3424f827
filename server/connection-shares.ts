// Who gives up a connection when a node is full: the address holding the most.
// A hard cap per address was a lock that one script behind a carrier NAT could
// keep shut on every phone sharing that address; sharing the node's capacity
// out instead costs nobody anything until the node is full, and then costs the
// heaviest address, where a connection is closed at random: at an address that
// a script shares with a crowd, mostly the script's own.
//
// Counts are kept in buckets by size, so the heaviest address and a random
// member of it are found in constant time however many addresses there are:
// while the node is full, every new connection asks.

export interface ConnectionShares<T> {
  add(key: string, member: T): void;
  remove(key: string, member: T): void;
  /** A member of the address holding the most, at random; undefined when none is held. */
  takenFromHeaviest(random?: () => number): { key: string; member: T } | undefined;
  size(): number;
}

export function createConnectionShares<T>(): ConnectionShares<T> {
  const members = new Map<string, T[]>();
  const positions = new Map<T, number>();
  const byCount = new Map<number, Set<string>>();
  let most = 0;
  let total = 0;

  function move(key: string, from: number, to: number) {
    if (from > 0) {
      const bucket = byCount.get(from)!;
      bucket.delete(key);
      if (bucket.size === 0) byCount.delete(from);
    }
    if (to > 0) {
      let bucket = byCount.get(to);
      if (!bucket) byCount.set(to, (bucket = new Set()));
      bucket.add(key);
    }
    if (to > most) most = to;
    // The key that left the top bucket now sits one below it.
    else if (from === most && !byCount.has(from)) most = to;
  }

  return {
    add(key, member) {
      if (positions.has(member)) return;
      let list = members.get(key);
      if (!list) members.set(key, (list = []));
      positions.set(member, list.length);
      list.push(member);
      total += 1;
      move(key, list.length - 1, list.length);
    },
    remove(key, member) {
      const list = members.get(key);
      const at = positions.get(member);
      if (!list || at === undefined) return;
      const last = list.pop()!;
      if (last !== member) {
        list[at] = last;
        positions.set(last, at);
      }
      positions.delete(member);
      total -= 1;
      if (list.length === 0) members.delete(key);
      move(key, list.length + 1, list.length);
    },
    takenFromHeaviest(random = Math.random) {
      const bucket = byCount.get(most);
      if (!bucket) return undefined;
      const key = bucket.values().next().value as string;
      const list = members.get(key)!;
      return { key, member: list[Math.floor(random() * list.length)]! };
    },
    size: () => total,
  };
}
