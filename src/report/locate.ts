// Finds the line of an input in the workflow file of this step, so annotations show in the file view.
// Everything here is best effort: when the file, job or step cannot be found, annotations fall back to
// the log without a location.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface InputLocator {
  /** The workflow file (relative to the repository root) and the line of the input, if found. */
  locate(input: string): { file: string; line: number } | undefined;
}

const NONE: InputLocator = { locate: () => undefined };

/** `owner/repo/.github/workflows/deploy.yml@refs/heads/main` → `.github/workflows/deploy.yml`. */
export function workflowPath(workflowRef: string, repository: string): string | undefined {
  const at = workflowRef.lastIndexOf('@');
  const path = at > 0 ? workflowRef.slice(0, at) : workflowRef;
  const prefix = repository ? `${repository}/` : '';
  if (prefix && !path.startsWith(prefix)) return undefined; // a reusable workflow of another repository
  const rel = path.slice(prefix.length);
  return rel.startsWith('.github/workflows/') ? rel : undefined;
}

interface StepInfo {
  id?: string;
  withLines: Map<string, { line: number; value: string }>;
  usesLine?: number;
}

/**
 * Reads the workflow and returns a locator for this step. The step is the one whose id is
 * GITHUB_ACTION, else the only step of the job with an app-id input, else the one whose app-id text
 * equals appIdText.
 */
export async function workflowLocator(env: NodeJS.ProcessEnv, appIdText: string): Promise<InputLocator> {
  try {
    const rel = workflowPath(env.GITHUB_WORKFLOW_REF ?? '', env.GITHUB_REPOSITORY ?? '');
    if (!rel || !env.GITHUB_WORKSPACE || !env.GITHUB_JOB) return NONE;
    const text = readFileSync(join(env.GITHUB_WORKSPACE, rel), 'utf8');
    const steps = await stepsOfJob(text, env.GITHUB_JOB);
    const candidates = steps.filter((s) => s.withLines.has('app-id'));
    const step = steps.find((s) => s.id && s.id === env.GITHUB_ACTION)
      ?? (candidates.length === 1 ? candidates[0] : candidates.find((s) => s.withLines.get('app-id')?.value === appIdText));
    if (!step) return NONE;
    return {
      locate(input) {
        const at = step.withLines.get(input);
        return at ? { file: rel, line: at.line } : undefined;
      },
    };
  } catch {
    return NONE;
  }
}

async function stepsOfJob(text: string, job: string): Promise<StepInfo[]> {
  const { parseDocument, LineCounter, isMap, isSeq, isScalar } = await import('yaml');
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter });
  const steps = doc.getIn(['jobs', job, 'steps'], true);
  if (!isSeq(steps)) return [];
  const lineOf = (node: { range?: [number, number, number] | null } | null | undefined) =>
    node?.range ? lineCounter.linePos(node.range[0]).line : undefined;
  const out: StepInfo[] = [];
  for (const item of steps.items) {
    if (!isMap(item)) continue;
    const info: StepInfo = { withLines: new Map() };
    for (const pair of item.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : '';
      if (key === 'id' && isScalar(pair.value)) info.id = String(pair.value.value);
      if (key === 'uses') info.usesLine = lineOf(pair.key as never);
      if (key === 'with' && isMap(pair.value)) {
        for (const w of pair.value.items) {
          if (!isScalar(w.key)) continue;
          const line = lineOf(w.key as never);
          if (line) info.withLines.set(String(w.key.value), { line, value: isScalar(w.value) ? String(w.value.value) : '' });
        }
      }
    }
    out.push(info);
  }
  return out;
}
