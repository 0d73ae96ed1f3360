// How durations, sentences and long values are written wherever people read them: the log, annotations, the job
// summary. One module, so that every place says a duration or cuts a value the same way.

/** A duration as people read it: `12.3 s`, `2 min 5 s`, `15 min`. */
export function formatDuration(ms: number): string {
  const s = Math.round(ms / 100) / 10;
  if (s < 60) return `${s.toFixed(1)} s`;
  const whole = Math.round(s);
  const m = Math.floor(whole / 60);
  return whole % 60 ? `${m} min ${whole % 60} s` : `${m} min`;
}

/** A short wait in seconds to one decimal, for progress and debug lines: `2.5 s`. */
export const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

/** A sentence that ends in exactly one full stop, whatever SAE's text ended in. */
export function sentence(text: string): string {
  const t = text.trim().replace(/[\s.。]+$/u, '');
  return t ? `${t}.` : '';
}

/** The first `max` characters of a value, and … when there were more. */
export const clip = (text: string, max: number): string => (text.length > max ? `${text.slice(0, max)}…` : text);
