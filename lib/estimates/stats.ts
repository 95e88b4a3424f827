// The two order statistics the estimator and its aggregates take.

/** The q-quantile of values already sorted ascending, interpolated between neighbours. */
export function quantileOfSorted(sorted: ArrayLike<number>, q: number): number {
  const position = (sorted.length - 1) * q;
  const below = Math.floor(position);
  const above = Math.min(sorted.length - 1, below + 1);
  return sorted[below]! + (sorted[above]! - sorted[below]!) * (position - below);
}

/** The median of any values; 0 of none. */
export function median(values: readonly number[]): number {
  if (values.length === 0) return 0;
  return quantileOfSorted([...values].sort((a, b) => a - b), 0.5);
}
