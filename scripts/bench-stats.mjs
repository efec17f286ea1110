// Medians, ratios and verdicts for scripts/bench.mjs.

export function medianOf(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/**
 * One variant's row. The ratio is the variant's median over the median of the bare-node runs taken just
 * before each of its own runs, so a machine that slows down mid-run slows both sides alike.
 */
export function summarise(variant) {
  const median = medianOf(variant.samples);
  const ratio = median / medianOf(variant.bare);
  // What the command adds to Node's own start: unlike the ratio, it does not move when Node starts faster or slower.
  const overBare = median - medianOf(variant.bare);
  const { target } = variant;
  let targetText = '';
  let verdict = '';
  let missedBy = '';
  if (target.ms !== undefined) {
    targetText = `≤ ${target.ms} ms`;
    verdict = median <= target.ms ? '✓' : '✗';
    missedBy = `${(median - target.ms).toFixed(2)} ms over`;
  } else if (target.seconds !== undefined) {
    targetText = `≤ ${target.seconds} s`;
    const over = median - target.seconds * 1000;
    verdict = over <= 0 ? '✓' : '✗';
    missedBy = over > 0 ? `${(over / 1000).toFixed(1)} s over` : '';
  } else if (target.ratio !== undefined) {
    targetText = `≤ ${target.ratio.toFixed(2)}×`;
    verdict = ratio <= target.ratio ? '✓' : '✗';
    if (verdict === '✗')
      missedBy = `${ratio.toFixed(2)}× against ≤ ${target.ratio.toFixed(2)}× (${((ratio / target.ratio - 1) * 100).toFixed(0)}% over, ${(median - medianOf(variant.bare) * target.ratio).toFixed(0)} ms)`;
  }
  const cpuRatio = variant.cpu.length ? medianOf(variant.cpu) / medianOf(variant.bareCpu) : null;
  // The largest peak seen: memory is a limit, not a typical value.
  const peakMb = variant.peakMb?.length ? Math.max(...variant.peakMb) : null;
  if (target.mb !== undefined) {
    targetText = [targetText, `≤ ${target.mb} MB`].filter(Boolean).join(', ');
    // No reading is no proof: a row with a memory target and no peak measured does not pass.
    const overMemory = peakMb === null || peakMb > target.mb;
    if (overMemory) {
      verdict = '✗';
      const memory = peakMb === null ? 'no peak memory measured' : `${peakMb.toFixed(0)} MB against ≤ ${target.mb} MB`;
      missedBy = [missedBy, memory].filter(Boolean).join('; ');
    } else if (!verdict) verdict = '✓';
  }
  return {
    what: variant.what,
    journal: variant.journal,
    group: variant.group,
    inShell: variant.inShell,
    median,
    ratio,
    overBare,
    cpuRatio,
    peakMb,
    targetText,
    verdict,
    missedBy,
  };
}
