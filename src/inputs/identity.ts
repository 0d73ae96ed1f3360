// Which job template the step deploys: by id (app-id), or by name (app-name, in namespace-id when given), which
// deploy/identify.ts turns into the id with ListJobs once there are credentials.
import type { GetInput } from '../contract/action-inputs.js';
import { INPUT_CONFLICT, INPUT_INVALID, problem, warning, type Problem } from './problems.js';
import { quoted } from './bounds.js';

export type Identity = { by: 'id'; appId: string } | { by: 'name'; appName: string; namespaceId: string };

/**
 * SAE's rule for a job template's name (CreateJob, docs/reference/sae-api.md §5.4): letters, digits, `-`, a letter
 * first, ≤ 36.
 */
export const APP_NAME = /^[A-Za-z][A-Za-z0-9-]{0,35}$/;
/** `region:name`, or a region alone for its default namespace (`cn-hangzhou`). */
const NAMESPACE_ID = /^([a-z]{2,}(?:-[a-z0-9]+)+)(?::([a-z][a-z0-9-]*))?$/;
// eslint-disable-next-line no-control-regex
const UNPRINTABLE = /[\s\u0000-\u001f\u007f]/;

export function readIdentity(getInput: GetInput, region: string): { identity?: Identity; problems: Problem[] } {
  const problems: Problem[] = [];
  const appId = getInput('app-id');
  const appName = getInput('app-name');
  const namespaceId = getInput('namespace-id');
  if (namespaceId) {
    const m = NAMESPACE_ID.exec(namespaceId);
    if (UNPRINTABLE.test(namespaceId) || namespaceId.length > 128) {
      problems.push(
        problem(
          'namespace-id',
          INPUT_INVALID,
          `namespace-id ${quoted(namespaceId)} is not a namespace id. Use region:name, e.g. namespace-id: cn-hangzhou:prod.`,
        ),
      );
    } else if (!m) {
      problems.push(
        warning(
          'namespace-id',
          `namespace-id ${quoted(namespaceId)} is not shaped like an SAE namespace id (region:name in lowercase letters and -, e.g. cn-hangzhou:prod). It is used as given.`,
        ),
      );
    } else if (region && m[1] !== region) {
      problems.push(
        warning(
          'namespace-id',
          `namespace-id ${namespaceId} is a namespace of ${m[1]}, but region is ${region}: templates are looked up in the region's namespaces, so this one is not found. Set region: ${m[1]}, or use a namespace of ${region}.`,
        ),
      );
    }
  }
  if (appId && appName) {
    problems.push(
      problem(
        'app-name',
        INPUT_CONFLICT,
        `app-id and app-name are both set, and each names a job template. Keep one: app-id (${quoted(appId, 40)}) names it by id, app-name (${quoted(appName, 40)}) by name.`,
      ),
    );
    return { problems };
  }
  if (appId) {
    if (namespaceId)
      problems.push(
        warning(
          'namespace-id',
          'namespace-id is used only with app-name, to find the template; with app-id it is not used. Remove it, or name the template by app-name.',
        ),
      );
    return { identity: { by: 'id', appId }, problems };
  }
  if (!appName) return { problems }; // read.ts says that nothing names the template
  if (UNPRINTABLE.test(appName) || appName.length > 128) {
    problems.push(
      problem(
        'app-name',
        INPUT_INVALID,
        `app-name ${quoted(appName)} ${appName.length > 128 ? 'is too long' : 'holds white space or control characters'}, so it is not the name of a job template. Use the name shown in the SAE console, e.g. app-name: report-job.`,
      ),
    );
    return { problems };
  }
  if (!APP_NAME.test(appName)) {
    problems.push(
      warning(
        'app-name',
        `app-name ${quoted(appName)} does not follow SAE's rule for template names (letters, digits and -, starting with a letter, at most 36 characters), so most likely no template has it. It is looked up as given.`,
      ),
    );
  }
  return { identity: { by: 'name', appName, namespaceId }, problems };
}
