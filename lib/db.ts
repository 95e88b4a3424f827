// The database types domain code is written against.
import type { Prisma, PrismaClient } from '../generated/prisma/client';

export type { Prisma, PrismaClient };
/** A client inside `prisma.$transaction(async (tx) => …)`. */
export type Transaction = Prisma.TransactionClient;
/** Either: code that only reads or writes one thing works in and out of a transaction. */
export type Db = PrismaClient | Transaction;
