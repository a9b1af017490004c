// Summary statistics of timing samples, shared by the tests that measure frames.

/** Count, median, 95th percentile and maximum of `samples` (nearest-rank). */
export function stats(samples) {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q) => s[Math.min(s.length - 1, Math.floor(q * s.length))];
  return { n: s.length, median: at(0.5), p95: at(0.95), max: s[s.length - 1] };
}
