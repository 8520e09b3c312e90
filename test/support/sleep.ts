/** A pause of `ms` milliseconds: for what a test waits out (a process starting, a watcher settling), never to time anything. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
