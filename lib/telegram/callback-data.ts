// The bot's buttons carry their whole state in their callback data (at most 64 bytes), so the bot keeps no
// conversation: a tap names the crossing, the way, the mode and the choice. What comes back is input like any
// other: parsed here, and anything that does not parse is an old or forged button.
import { z } from 'zod';
import { crowdSignal, direction, mode } from '../enums';
import { checkpointIdSchema } from '../reports/input';

const id = checkpointIdSchema;
const count = z.coerce.number().int().min(0).max(100_000);

/** `metres`: a queue's length, in metres so that a button carries it as a whole number ("1,5 км" is 1500). */
export const REPORT_KINDS = ['wait', 'ahead', 'metres', 'let', 'crossed', 'signal'] as const;
const CODES = { wait: 'w', ahead: 'q', metres: 'm', let: 'l', crossed: 'c', signal: 's' } as const;
/** What a button may say of the queue with a number (a signal says a word instead). */
export type SayKind = Exclude<(typeof REPORT_KINDS)[number], 'signal'>;
const KIND_OF = Object.fromEntries(Object.entries(CODES).map(([kind, code]) => [code, kind])) as Record<string, (typeof REPORT_KINDS)[number]>;

export type Callback =
  | { action: 'show'; checkpointId: string }
  | { action: 'watch'; checkpointId: string; direction?: z.infer<typeof direction>; mode?: z.infer<typeof mode>; belowMinutes?: number | null }
  | { action: 'unwatch'; watchId: number }
  | { action: 'report'; checkpointId: string; direction?: z.infer<typeof direction>; mode?: z.infer<typeof mode> }
  | { action: 'say'; checkpointId: string; direction: z.infer<typeof direction>; mode: z.infer<typeof mode>; kind: SayKind; value: number }
  | { action: 'signal'; checkpointId: string; direction: z.infer<typeof direction>; mode: z.infer<typeof mode>; signal: z.infer<typeof crowdSignal> }
  | { action: 'language' };

export function encodeCallback(callback: Callback): string {
  switch (callback.action) {
    case 'show':
      return `cp:${callback.checkpointId}`;
    case 'watch':
      return ['w', callback.checkpointId, callback.direction, callback.mode, callback.belowMinutes === undefined ? undefined : String(callback.belowMinutes ?? 0)]
        .filter((part) => part !== undefined)
        .join(':');
    case 'unwatch':
      return `x:${callback.watchId}`;
    case 'report':
      return ['r', callback.checkpointId, callback.direction, callback.mode].filter((part) => part !== undefined).join(':');
    case 'say':
      return `v:${callback.checkpointId}:${callback.direction}:${callback.mode}:${CODES[callback.kind]}:${callback.value}`;
    case 'signal':
      return `v:${callback.checkpointId}:${callback.direction}:${callback.mode}:s:${callback.signal}`;
    case 'language':
      return 'lang';
  }
}

/** The button's meaning, or null for data no button of this bot makes. */
export function decodeCallback(data: string): Callback | null {
  const [tag, ...parts] = data.split(':');
  const ok = <T>(schema: z.ZodType<T>, value: unknown): T | undefined => {
    const parsed = schema.safeParse(value);
    return parsed.success ? parsed.data : undefined;
  };
  const checkpointId = ok(id, parts[0]);
  switch (tag) {
    case 'lang':
      return parts.length === 0 ? { action: 'language' } : null;
    case 'x': {
      const watchId = ok(z.coerce.number().int().positive().max(2 ** 31 - 1), parts[0]);
      return watchId === undefined || parts.length !== 1 ? null : { action: 'unwatch', watchId };
    }
    case 'cp':
      return checkpointId && parts.length === 1 ? { action: 'show', checkpointId } : null;
    case 'w':
    case 'r': {
      if (!checkpointId || parts.length > (tag === 'w' ? 4 : 3)) return null;
      const way = parts[1] === undefined ? undefined : ok(direction, parts[1]);
      const how = parts[2] === undefined ? undefined : ok(mode, parts[2]);
      if ((parts[1] !== undefined && !way) || (parts[2] !== undefined && !how)) return null;
      if (tag === 'r') return { action: 'report', checkpointId, ...(way ? { direction: way } : {}), ...(how ? { mode: how } : {}) };
      const minutes = parts[3] === undefined ? undefined : ok(z.coerce.number().int().min(0).max(7 * 24 * 60), parts[3]);
      if (parts[3] !== undefined && minutes === undefined) return null;
      return { action: 'watch', checkpointId, ...(way ? { direction: way } : {}), ...(how ? { mode: how } : {}), ...(minutes !== undefined ? { belowMinutes: minutes === 0 ? null : minutes } : {}) };
    }
    case 'v': {
      const way = ok(direction, parts[1]);
      const how = ok(mode, parts[2]);
      const kind = KIND_OF[parts[3] ?? ''];
      if (!checkpointId || !way || !how || !kind || parts.length !== 5) return null;
      if (kind === 'signal') {
        const signal = ok(crowdSignal, parts[4]);
        return signal ? { action: 'signal', checkpointId, direction: way, mode: how, signal } : null;
      }
      const value = ok(count, parts[4]);
      return value === undefined ? null : { action: 'say', checkpointId, direction: way, mode: how, kind, value };
    }
    default:
      return null;
  }
}
