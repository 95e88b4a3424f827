export interface Weighted {
  value: number;
  weight: number;
}

/**
 * The smallest value at which the cumulative weight reaches q of the total.
 * For q = 0.5 this is the weighted median: moving it needs half the weight.
 */
export function weightedQuantile(items: readonly Weighted[], q: number): number | null {
  const usable = items.filter((item) => item.weight > 0 && Number.isFinite(item.value));
  if (usable.length === 0) return null;
  const sorted = [...usable].sort((a, b) => a.value - b.value);
  const total = sorted.reduce((sum, item) => sum + item.weight, 0);
  let cumulative = 0;
  for (const item of sorted) {
    cumulative += item.weight;
    if (cumulative >= q * total - 1e-12) return item.value;
  }
  return sorted[sorted.length - 1]!.value;
}

export function weightedMedian(items: readonly Weighted[]): number | null {
  return weightedQuantile(items, 0.5);
}

/** Kish's effective sample size: how many equal-weight observations the set is worth. */
export function effectiveCount(items: readonly Weighted[]): number {
  const sum = items.reduce((total, item) => total + item.weight, 0);
  const squares = items.reduce((total, item) => total + item.weight * item.weight, 0);
  return squares === 0 ? 0 : (sum * sum) / squares;
}
