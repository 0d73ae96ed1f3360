// Account-wide flow control, as SAE's gateway applies it (docs/reference/sae-api.md §8.4): one token bucket shared by
// every signed SAE call of every app and every run. A call finding the bucket empty is refused with
// Throttling.User in the gateway's shape, optionally with x-acs-retry-after, and costs no token.

export interface FlowControl {
  /** Calls allowed at once when the bucket is full. */
  burst: number;
  /** Tokens added per second. */
  refillPerSecond: number;
  /** When set, refusals carry x-acs-retry-after with this many milliseconds. */
  retryAfterMs?: number;
}

export function parseFlowControl(v: unknown): FlowControl | undefined {
  if (v === null) return undefined;
  const f = v as Partial<FlowControl> | undefined;
  const ok = (n: unknown, min: number) => typeof n === 'number' && Number.isFinite(n) && n >= min;
  if (
    !f ||
    typeof f !== 'object' ||
    !ok(f.burst, 1) ||
    !ok(f.refillPerSecond, 0) ||
    (f.retryAfterMs !== undefined && !ok(f.retryAfterMs, 0))
  ) {
    throw new Error('flow control needs {burst ≥ 1, refillPerSecond ≥ 0, retryAfterMs?} (or null to turn it off)');
  }
  return { burst: f.burst!, refillPerSecond: f.refillPerSecond!, retryAfterMs: f.retryAfterMs };
}

/** `20/1` or `20/1/1500`: burst / refill per second / retry-after ms (the CLI's --throttle). */
export function flowControlFromText(text: string): FlowControl {
  const [burst, refill, retryAfter] = text.split('/').map(Number);
  return parseFlowControl({ burst, refillPerSecond: refill, retryAfterMs: retryAfter })!;
}

export class TokenBucket {
  private tokens: number;
  private at: number;
  /** Calls let through and refused since the bucket was set. */
  allowed = 0;
  refused = 0;

  constructor(
    readonly config: FlowControl,
    now = Date.now(),
  ) {
    this.tokens = config.burst;
    this.at = now;
  }

  /** True when the call may go ahead (a token is taken), false when it is throttled. */
  take(now = Date.now()): boolean {
    this.tokens = Math.min(this.config.burst, this.tokens + ((now - this.at) / 1000) * this.config.refillPerSecond);
    this.at = now;
    if (this.tokens >= 1) {
      this.tokens -= 1;
      this.allowed++;
      return true;
    }
    this.refused++;
    return false;
  }
}
