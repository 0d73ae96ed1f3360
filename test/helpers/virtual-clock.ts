// A virtual clock for in-process runs: the action's waits (polls, backoffs, retry-after, wait-timeout) and the
// emulator's plans run on it, so a test of a ten-second wait takes milliseconds and never depends on how
// loaded the machine is. Time moves only when every actor (a run of the action) sleeps: then it jumps to the
// earliest wake-up (of any sleeper: a test's own timer on the clock fires then too). While a run waits for an answer over HTTP, time stands still, as it should: the emulator
// answers on the same clock. What stays on the wall clock: socket timeouts in the HTTP client (request-timeout)
// and the emulator's scripted delays (`delayMs`). So time also stands still while the emulator still handles
// a request (`busy`): an answer that outlasts the client's timeout lands late, but before the run's next
// wake-up, as with SAE acting a little late. A test of a delay longer than the run's waits uses realTime().
import { AsyncLocalStorage } from 'node:async_hooks';
import { realClock } from '../../src/runner/clock.js';

export interface TestClock {
  now(): number;
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export interface VirtualClock extends TestClock {
  /** Runs fn as an actor: while it runs, time moves on only when it sleeps (with every other actor). */
  actor<T>(fn: () => Promise<T>): Promise<T>;
  /** Waits for another actor's work: meanwhile this actor counts as asleep, with no wake-up of its own. */
  waitFor<T>(work: Promise<T>): Promise<T>;
  /** Runs tasks side by side, each an actor of its own (the caller, if an actor, waits for them meanwhile). */
  all<T>(tasks: readonly (() => Promise<T>)[]): Promise<T[]>;
  /** Moves time on by ms at once (a test acting as the outside world between calls). */
  advance(ms: number): void;
  readonly virtual: true;
}

interface Sleeper {
  at: number;
  seq: number;
  /** Slept by an actor (a run), not by a timer of the test. */
  actor: boolean;
  wake: () => void;
}

export interface VirtualClockOptions {
  /** Epoch ms to start at (default now). */
  start?: number;
  /** Time does not move while this says true (e.g. the emulator still handles a request). */
  busy?: () => boolean;
}

export function virtualClock({ start = Date.now(), busy }: VirtualClockOptions = {}): VirtualClock {
  let t = start;
  let actors = 0;
  let seq = 0;
  let scheduled = false;
  const sleepers: Sleeper[] = [];
  // Which sleeps are an actor's: the run's async context says.
  const inActor = new AsyncLocalStorage<true>();

  // After the current I/O and microtasks (setImmediate): every actor asleep means nothing else can happen
  // before the earliest wake-up, so time jumps there.
  const tick = () => {
    scheduled = false;
    if (!sleepers.length || sleepers.filter((s) => s.actor).length < actors) return;
    if (busy?.()) {
      scheduled = true;
      setTimeout(tick, 1);
      return;
    }
    sleepers.sort((a, b) => a.at - b.at || a.seq - b.seq);
    // Actors waiting for another's work have no wake-up of their own: time moves to a real one, or not at all.
    if (sleepers[0]!.at === Infinity) return;
    t = Math.max(t, sleepers[0]!.at);
    const due = sleepers.filter((s) => s.at <= t);
    sleepers.splice(0, due.length);
    for (const s of due) s.wake();
    // A woken timer of the test may leave every actor still asleep: look again once it has run.
    if (sleepers.length) schedule();
  };
  const schedule = () => {
    if (scheduled) return;
    scheduled = true;
    setImmediate(tick);
  };

  return {
    virtual: true,
    now: () => t,
    advance(ms) {
      t += ms;
      schedule();
    },
    sleep(ms, signal) {
      return new Promise<void>((resolve) => {
        if (signal?.aborted || ms <= 0) return resolve();
        const s: Sleeper = { at: t + ms, seq: seq++, actor: inActor.getStore() === true, wake: () => {} };
        const onAbort = () => {
          const i = sleepers.indexOf(s);
          if (i >= 0) sleepers.splice(i, 1);
          resolve();
          schedule();
        };
        s.wake = () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        };
        signal?.addEventListener('abort', onAbort, { once: true });
        sleepers.push(s);
        schedule();
      });
    },
    async actor(fn) {
      actors++;
      try {
        return await inActor.run(true, fn);
      } finally {
        actors--;
        schedule();
      }
    },
    async waitFor(work) {
      if (inActor.getStore() !== true) return work;
      const s: Sleeper = { at: Infinity, seq: seq++, actor: true, wake: () => {} };
      sleepers.push(s);
      schedule();
      try {
        return await work;
      } finally {
        const i = sleepers.indexOf(s);
        if (i >= 0) sleepers.splice(i, 1);
      }
    },
    async all(tasks) {
      // The caller waits on its tasks, not on the clock: while they run it is not a flow of its own.
      const outer = inActor.getStore() === true;
      if (outer) actors--;
      try {
        return await Promise.all(tasks.map((t) => this.actor(t)));
      } finally {
        if (outer) actors++;
        schedule();
      }
    },
  };
}

/** The wall clock (the runner's own), for the few tests whose timing is the HTTP client's (socket timeouts). */
export const wallClock: TestClock = realClock;
