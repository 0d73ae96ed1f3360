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
  uses?: string;
  withLines: Map<string, { line: number; value: string }>;
}

/**
 * Reads the workflow and returns a locator for this step. The step is the one whose id is
 * GITHUB_ACTION, else the only step of the job using this action with an app-id input, else the one
 * whose app-id text equals appIdText, else the only one whose app-id is an expression (a matrix).
 */
export async function workflowLocator(env: NodeJS.ProcessEnv, appIdText: string): Promise<InputLocator> {
  try {
    const rel = workflowPath(env.GITHUB_WORKFLOW_REF ?? '', env.GITHUB_REPOSITORY ?? '');
    if (!rel || !env.GITHUB_WORKSPACE || !env.GITHUB_JOB) return NONE;
    const text = readFileSync(join(env.GITHUB_WORKSPACE, rel), 'utf8');
    const steps = await stepsOfJob(text, env.GITHUB_JOB);
    // Steps of this action (GITHUB_ACTION_REPOSITORY names it; a local `./` action has none) with an app-id.
    const repo = env.GITHUB_ACTION_REPOSITORY?.toLowerCase();
    // A step names its template by app-id, app-name, or a spec file.
    const candidates = steps.filter(
      (s) =>
        ['app-id', 'app-name', 'spec'].some((k) => s.withLines.has(k)) &&
        (!repo || !s.uses || s.uses.startsWith('./') || s.uses.toLowerCase().startsWith(`${repo}@`)),
    );
    // A matrix step's app-id is an expression (`${{ matrix.app }}`), never equal to the value it became.
    const expressions = candidates.filter((s) => s.withLines.get('app-id')?.value.includes('${{'));
    const step =
      steps.find((s) => s.id && s.id === env.GITHUB_ACTION) ??
      (candidates.length === 1
        ? candidates[0]
        : candidates.find((s) => s.withLines.get('app-id')?.value === appIdText)) ??
      (expressions.length === 1 ? expressions[0] : undefined);
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
  // The yaml package's own source positions (and its bounds: a workflow file is the user's, but the
  // locator must never be the thing that hangs a run).
  const { parseDocument, LineCounter, isMap, isScalar, isSeq } = await import('yaml');
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, keepSourceTokens: false, uniqueKeys: false });
  const steps = doc.getIn(['jobs', job, 'steps'], true);
  if (!isSeq(steps)) return [];
  return steps.items.map((step) => {
    const info: StepInfo = { withLines: new Map() };
    if (!isMap(step)) return info;
    const id = step.get('id', true);
    if (isScalar(id)) info.id = String(id.value);
    const uses = step.get('uses', true);
    if (isScalar(uses)) info.uses = String(uses.value);
    const inputs = step.get('with', true);
    if (isMap(inputs)) {
      for (const pair of inputs.items) {
        if (!isScalar(pair.key) || !pair.key.range) continue;
        const value = isScalar(pair.value) ? String(pair.value.value ?? '') : '';
        info.withLines.set(String(pair.key.value), { line: lines.linePos(pair.key.range[0]).line, value });
      }
    }
    return info;
  });
}
