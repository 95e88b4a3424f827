// Times a reporter's phone could be recognised by are kept to the minute:
// what a client sends is floored on intake, what is published is floored
// too. The estimator needs no finer time than that.
const MINUTE = 60_000;

/** The minute `date` falls in (never later than `date`). */
export const toMinute = (date: Date): Date => new Date(Math.floor(date.getTime() / MINUTE) * MINUTE);
