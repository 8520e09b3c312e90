/**
 * Whether work grows in step with its input, without a time budget: the same function on an input
 * and on one `factor` times larger, each the fastest of several runs (a busy machine slows single
 * runs, rarely all of them). Linear work grows about `factor` times, quadratic work `factor`²
 * times; the budgets themselves are rows of `npm run bench`.
 */
export function growth(run: (scale: number) => void, factor: number, runs = 5): number {
  const fastest = (scale: number): number => {
    let best = Infinity;
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      run(scale);
      best = Math.min(best, performance.now() - t0);
    }
    return Math.max(best, 0.05); // below the timer's resolution, call it 50 µs
  };
  fastest(1); // warm up: the first run compiles
  return fastest(factor) / fastest(1);
}
