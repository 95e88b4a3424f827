// New devices arriving from one address: a crowd at a post behind a carrier's
// address, or one machine inventing device keys. Which of the two it is a
// moderator judges from where their reports went and what they said; this
// only finds the groups. Addresses are known here only by a prefix of their
// keyed hash: enough to tell two apart, never to find one.

/** A device first heard from an address (server/new-devices.ts). */
export interface AddressSighting {
  address: string;
  device: string;
  proven: boolean;
  at: number;
}

export interface AddressBurst {
  kind: 'address-burst';
  /** The first characters of the address's keyed hash. */
  address: string;
  /** The devices, as their reports store them, in order of first sighting. */
  devices: string[];
  /** How many came with a proof of work, and how many without (pages without scripts). */
  proven: number;
  unproven: number;
  from: string;
  to: string;
}

export const ADDRESS_BURST = {
  /** Sightings this recent count. */
  windowMs: 60 * 60_000,
  /** At least this many new devices from one address make a burst. */
  minDevices: 5,
  /** Characters of the address hash shown. */
  prefix: 10,
} as const;

/** Every address with at least `minDevices` new devices in the last `windowMs`, the most devices first. */
export function addressBursts(sightings: readonly AddressSighting[], now: number): AddressBurst[] {
  const byAddress = new Map<string, Map<string, AddressSighting>>();
  for (const sighting of sightings) {
    if (sighting.at < now - ADDRESS_BURST.windowMs || sighting.at > now) continue;
    const devices = byAddress.get(sighting.address) ?? new Map<string, AddressSighting>();
    // A device admitted twice (its first report given back, then sent again) counts once, at its first sighting.
    if (!devices.has(sighting.device)) devices.set(sighting.device, sighting);
    byAddress.set(sighting.address, devices);
  }
  const bursts: AddressBurst[] = [];
  for (const [address, devices] of byAddress) {
    const list = [...devices.values()];
    if (list.length < ADDRESS_BURST.minDevices) continue;
    list.sort((a, b) => a.at - b.at);
    const proven = list.filter((s) => s.proven).length;
    bursts.push({
      kind: 'address-burst',
      address: address.slice(0, ADDRESS_BURST.prefix),
      devices: list.map((s) => s.device),
      proven,
      unproven: list.length - proven,
      from: new Date(list[0]!.at).toISOString(),
      to: new Date(list[list.length - 1]!.at).toISOString(),
    });
  }
  return bursts.sort((a, b) => b.devices.length - a.devices.length);
}
