/**
 * One cache for something loaded on first use (the HTTP layer): concurrent callers share one load,
 * a successful load is kept, and a failed load is dropped so that the next call tries again (a
 * failure cached forever would leave every later request failing until the window reloads).
 */
export function cachedUntilFailure<T>(load: () => Promise<T>): () => Promise<T> {
  let pending: Promise<T> | undefined;
  return () => {
    if (!pending) {
      const loading = load();
      pending = loading;
      loading.catch(() => {
        if (pending === loading) pending = undefined;
      });
    }
    return pending;
  };
}
