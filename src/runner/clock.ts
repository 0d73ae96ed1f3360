// Time, as the runner gives it: the one Clock type of the action (tests pass virtual ones).

export interface Clock {
  now(): number;
  /** Resolves after ms, or early when the signal aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
  /**
   * Runs tasks side by side (Promise.all). A test's virtual clock counts each as a flow of its own, so that time
   * moves on only when every one of them waits (default: Promise.all).
   */
  all?<T>(tasks: readonly (() => Promise<T>)[]): Promise<T[]>;
  /**
   * Waits for work another of those tasks does (a call they share). A test's virtual clock counts the waiter as
   * waiting on the clock meanwhile, so time moves on when that other task sleeps (default: the promise itself).
   */
  waitFor?<T>(work: Promise<T>): Promise<T>;
}

/** Another task's work, waited for as the clock has it. */
export function waitOn<T>(clock: Pick<Clock, 'waitFor'>, work: Promise<T>): Promise<T> {
  return clock.waitFor ? clock.waitFor(work) : work;
}

/** Tasks side by side, as the clock runs them. */
export function allOn<T>(clock: Clock, tasks: readonly (() => Promise<T>)[]): Promise<T[]> {
  return clock.all ? clock.all(tasks) : Promise.all(tasks.map((t) => t()));
}

/** Wall-clock time and a sleep that a cancellation cuts short. */
export const realClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise<void>((resolve) => {
      if (signal?.aborted || ms <= 0) return resolve();
      const done = () => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      signal?.addEventListener('abort', done, { once: true });
    }),
};
