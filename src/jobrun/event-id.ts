// The EventId of the run after the deploy: SAE starts one job per EventId (docs/reference/sae-api.md §5.2), so the id
// is what makes ExecJob safe to send again after a lost answer.
import { createHash, randomUUID } from 'node:crypto';

/** SAE does not document the allowed length or characters [U]: letters, digits and '-', at most 64. */
export const EVENT_ID_PATTERN = /^[A-Za-z0-9-]{1,64}$/;

const digits = (text: string | undefined, max: number): string =>
  text && new RegExp(`^\\d{1,${max}}$`).test(text) ? text : '';

/**
 * The same for every ExecJob of one attempt of one workflow run on one template (a resend reuses it), and
 * different for a re-run attempt (GITHUB_RUN_ATTEMPT), another run, repository or template. The readable
 * part (run id, attempt) helps find the run in SAE; the hash of all four keeps the id unique within 64
 * characters whatever their length. Outside a workflow run (no GITHUB_RUN_ID) a nonce, drawn once per
 * process, keeps two local runs apart.
 */
export function eventIdFor(env: NodeJS.ProcessEnv, appId: string, nonce: () => string = randomUUID): string {
  const runId = env.GITHUB_RUN_ID ?? '';
  const attempt = env.GITHUB_RUN_ATTEMPT || '1';
  const key = runId ? [env.GITHUB_REPOSITORY ?? '', runId, attempt, appId] : ['local', nonce(), appId];
  const hash = createHash('sha256').update(JSON.stringify(key)).digest('hex').slice(0, 32);
  const runDigits = digits(runId, 19);
  const readable = runDigits ? `${runDigits}-${digits(attempt, 4) || 'x'}` : 'local';
  return `gha-${readable}-${hash}`;
}
