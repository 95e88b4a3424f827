// The precision a wait can honestly claim, and is shown at: the interface
// formats to it, and the server publishes a change only when it shows.

/** 5 min under 55 min, half hours under 10 h, whole hours under two days, half days after. */
export function roundWait(minutes: number): number {
  if (minutes < 55) return Math.max(5, Math.round(minutes / 5) * 5);
  const hours = minutes / 60;
  if (hours < 10) return Math.max(1, Math.round(hours * 2) / 2) * 60;
  if (hours < 48) return Math.round(hours) * 60;
  return (Math.round((hours / 24) * 2) / 2) * 24 * 60;
}

/** Two significant digits: "about 480 cars", "about 12 an hour". */
export function roundTwoDigits(value: number): number {
  if (value === 0) return 0;
  const digits = Math.max(0, 1 - Math.floor(Math.log10(Math.abs(value))));
  const scale = 10 ** (Math.floor(Math.log10(Math.abs(value))) - 1);
  return digits > 0 ? Number(value.toFixed(digits)) : Math.round(value / scale) * scale;
}
