/**
 * How long work shares the thread it runs on: the extension host is every extension's, so a batch
 * of files is read a few at a time and a long loop gives the thread back between slices.
 */

/** How long one slice of work may run before it yields: well under a frame (16 ms). */
export const SLICE_MS = 8;

/**
 * `fn` over every item with at most `limit` calls running at once; results in the items' order.
 * The first rejection rejects the whole (calls already started still run to their end): a caller
 * that wants to go on after a failure catches inside `fn`.
 */
export async function mapBounded<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return results;
}

/** The thread given back for a moment: everything queued meanwhile (other extensions, I/O) runs first. */
export function yieldToOthers(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * Cuts a long run of work into slices of at most `budgetMs`: call `pace()` between two pieces of
 * work; once the slice has run that long it yields (setImmediate) and a new slice starts. The clock
 * and the yield are given in, so a test can drive them.
 */
export class Slices {
  private started: number;
  /** How many times it yielded (tests read it). */
  yields = 0;

  constructor(
    private readonly budgetMs = SLICE_MS,
    private readonly now: () => number = () => performance.now(),
    private readonly pause: () => Promise<void> = yieldToOthers,
  ) {
    this.started = now();
  }

  /** Whether the current slice has used its time. */
  get due(): boolean {
    return this.now() - this.started >= this.budgetMs;
  }

  /** Yields when the slice is used up; resolves at once (without yielding) otherwise. */
  async pace(): Promise<void> {
    if (this.due) {
      await this.pause();
      this.yields++;
      this.started = this.now();
    }
  }

  /** A new slice starts now (after the caller waited for something else, which gave the thread back). */
  restart(): void {
    this.started = this.now();
  }
}

/** `fn` over every item in order, `slices` yielding between items once a slice is used up. */
export async function forEachSliced<T>(items: Iterable<T>, fn: (item: T) => void, slices: Slices = new Slices()): Promise<void> {
  for (const item of items) {
    await slices.pace();
    fn(item);
  }
}
