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
  const { parseTree, get, lineAt } = await import('./yaml-tree.js');
  const steps = get(get(get(await parseTree(text), 'jobs'), job), 'steps');
  if (steps?.kind !== 'sequence') return [];
  return steps.items.map((step) => {
    const info: StepInfo = { withLines: new Map() };
    const id = get(step, 'id');
    if (id?.kind === 'scalar') info.id = id.value;
    const inputs = get(step, 'with');
    if (inputs?.kind === 'mapping') {
      for (const { key, value } of inputs.pairs) {
        if (key.kind === 'scalar') info.withLines.set(key.value, { line: lineAt(text, key.start), value: value.kind === 'scalar' ? value.value : '' });
      }
    }
    return info;
  });
}
