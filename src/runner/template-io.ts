// One template's view of the step's I/O, when a step deploys several (step/deploy-templates.ts): its log lines and
// annotations name it, and what would be the step's own (the summary, failing the step) is kept for the step to
// write once every template has ended; its outputs are not written (the step's `results` holds them, from each
// template's report). Secrets, inputs and the environment stay the step's.
import type { ActionIO, AnnotationProps } from './io.js';

export interface TemplateIO extends ActionIO {
  /** What the template's deploy wrote as its summary, and whether it failed the step. */
  readonly captured: { summary: string; failed: boolean };
}

export function templateIO(io: ActionIO, label: string): TemplateIO {
  const captured = { summary: '', failed: false };
  // Every line of a message, so that a many-line one (a request as JSON) still shows whose it is.
  const named = (message: string) =>
    message
      .split('\n')
      .map((line) => `[${label}] ${line}`)
      .join('\n');
  const titled = (p?: AnnotationProps): AnnotationProps => ({ ...p, title: p?.title ? `${label}: ${p.title}` : label });
  // A view of the step's I/O (its other members read through), not a copy.
  return Object.assign(Object.create(io) as ActionIO, {
    captured,
    setOutput: () => {},
    info: (message: string) => io.info(named(message)),
    debug: (message: string) => io.debug(named(message)),
    notice: (message: string, p?: AnnotationProps) => io.notice(message, titled(p)),
    warning: (message: string, p?: AnnotationProps) => io.warning(message, titled(p)),
    error: (message: string, p?: AnnotationProps) => io.error(message, titled(p)),
    // Templates run side by side: a log group of one would hold the others' lines. A heading line instead.
    startGroup: (name: string) => io.info(named(`▸ ${name}`)),
    endGroup: () => {},
    appendSummary: (markdown: string) => void (captured.summary += markdown),
    markFailed: () => void (captured.failed = true),
  });
}
