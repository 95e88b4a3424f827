// The catalogue with some posts' hours moved into a fixed-offset time zone, chosen so that each post's local
// time now is a given hour: a test of a post that is open and about to shut, or shut for the night, then runs
// the same at any hour of the day (the server reads it from CATALOGUE_FILE).
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readCatalogue } from '../../prisma/seed';

/** The IANA zone (Etc/GMT±N, whose sign is POSIX's, the reverse of ISO's) in which it is `hour` o'clock when it is `now`. */
export function zoneWhereItIs(hour: number, now: Date): string {
  let offset = (((hour - now.getUTCHours()) % 24) + 24) % 24;
  if (offset > 14) offset -= 24;
  return offset === 0 ? 'Etc/GMT' : `Etc/GMT${offset > 0 ? '-' : '+'}${Math.abs(offset)}`;
}

/** Writes the catalogue with each named post's local time now at the given hour (same minutes as UTC); returns the file. */
export async function catalogueAtLocalHours(hours: Record<string, number>, now = new Date()): Promise<string> {
  const catalogue = await readCatalogue();
  for (const [id, hour] of Object.entries(hours)) {
    const post = catalogue.checkpoints.find((checkpoint) => checkpoint.id === id);
    if (!post?.hours) throw new Error(`${id} is not a post with hours in the catalogue`);
    post.hours = { ...post.hours, timeZone: zoneWhereItIs(hour, now) };
  }
  const file = join(await mkdtemp(join(tmpdir(), 'kordon-catalogue-')), 'checkpoints.json');
  await writeFile(file, JSON.stringify(catalogue));
  return file;
}

/** Minutes from now until `clock` ("HH:MM") next comes round in `timeZone`. */
export function minutesUntil(clock: string, timeZone: string, now = new Date()): number {
  const [hour, minute] = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(now).split(':').map(Number);
  const [toHour, toMinute] = clock.split(':').map(Number);
  return (((toHour! * 60 + toMinute! - (hour! * 60 + minute!)) % 1440) + 1440) % 1440;
}
