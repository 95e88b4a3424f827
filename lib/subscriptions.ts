// What a subscription covers: validated rooms and the checkpoints behind them.
import { z } from 'zod';
import type { CheckpointDirectory } from './checkpoint-directory';
import { borderCode } from './enums';
import { AppError, fieldErrorsFrom } from './errors';
import { borderRoom, checkpointRoom } from './events';
import { checkpointIdSchema } from './reports/input';

export const subscriptionSchema = z
  .strictObject({
    ids: z.array(checkpointIdSchema).max(100).optional(),
    borders: z.array(borderCode).max(4).optional(),
  })
  .refine((request) => (request.ids?.length ?? 0) + (request.borders?.length ?? 0) > 0, {
    message: 'give at least one checkpoint id or border',
  });

export interface Subscription {
  rooms: string[];
  /** Every checkpoint the rooms cover. */
  checkpointIds: string[];
}

export async function resolveSubscription(directory: CheckpointDirectory, request: unknown): Promise<Subscription> {
  const parsed = subscriptionSchema.safeParse(request);
  if (!parsed.success) throw new AppError('invalid_input', 'The subscription is not valid.', fieldErrorsFrom(parsed.error.issues));
  const ids = [...new Set(parsed.data.ids ?? [])];
  const borders = [...new Set(parsed.data.borders ?? [])];
  const missing = ids.filter((id) => directory.borderOf(id) === undefined);
  if (missing.length > 0 && !(await directory.refreshFor(missing))) {
    const unknown = (parsed.data.ids ?? []).flatMap((id, index) =>
      directory.borderOf(id) === undefined ? [{ path: `ids.${index}`, message: `unknown checkpoint "${id}"` }] : [],
    );
    throw new AppError('unknown_checkpoint', 'Some checkpoint ids are unknown.', unknown);
  }
  const covered = new Set([...ids, ...borders.flatMap((border) => directory.idsIn(border))]);
  return { rooms: [...ids.map(checkpointRoom), ...borders.map(borderRoom)], checkpointIds: [...covered] };
}
