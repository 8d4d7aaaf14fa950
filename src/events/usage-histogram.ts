/**
 * Call durations are counted in fixed log-scale buckets: bucket 0 holds 0 ms, bucket i (1 ≤ i < last)
 * holds [THRESHOLDS[i-1], THRESHOLDS[i]) ms, the last holds THRESHOLDS' last value and above. Below 8 ms
 * every whole millisecond has its own bucket; above, each bucket is at most 25% wider than its lower bound.
 */
export const THRESHOLDS: readonly number[] = (() => {
  const bounds = [1];
  while (bounds.at(-1)! < 600_000) bounds.push(Math.max(bounds.at(-1)! + 1, Math.floor(bounds.at(-1)! * 1.25)));
  return bounds;
})();

/** Buckets per histogram: what PostgreSQL's `width_bucket(ms, THRESHOLDS)` can answer (0 to THRESHOLDS.length). */
export const BUCKETS = THRESHOLDS.length + 1;

/** The widest bucket's upper bound over its lower one: a percentile is never below the true value, nor more than this factor above it. */
export const RESOLUTION = 1.25;

export const emptyHistogram = (): number[] => new Array<number>(BUCKETS).fill(0);

export function addHistogram(into: number[], from: readonly number[]): number[] {
  for (let i = 0; i < BUCKETS; i++) into[i]! += from[i] ?? 0;
  return into;
}

/**
 * The `q` quantile (nearest rank) in whole milliseconds: the largest duration its bucket holds (the
 * overflow bucket's lower bound). Null when nothing was counted.
 */
export function percentile(histogram: readonly number[], q: number): number | null {
  const total = histogram.reduce((sum, n) => sum + n, 0);
  if (!total) return null;
  const rank = Math.max(1, Math.ceil(q * total));
  let seen = 0;
  for (let i = 0; i < histogram.length; i++) {
    seen += histogram[i]!;
    if (seen >= rank) return i === 0 ? 0 : i >= THRESHOLDS.length ? THRESHOLDS.at(-1)! : THRESHOLDS[i]! - 1;
  }
  return THRESHOLDS.at(-1)!;
}
