// How a run ends when the template itself is the question: not found by its name, found more than once, or its
// env vars unknown to a merge. Cause first, then what to do, naming the inputs.
import { STATUS, type Outcome } from './endings.js';

export interface Searched {
  name: string;
  region: string;
  /** '' for every namespace of the region. */
  namespaceId: string;
}

const where = (s: Searched) =>
  `in region ${s.region || '(default)'}${s.namespaceId ? `, namespace ${s.namespaceId}` : ' (every namespace)'}`;

export function templateNotFound(
  s: Searched,
  seen: { elsewhere: Array<{ appId: string; namespaceId: string }>; others: string[] },
): Outcome {
  const hint = seen.elsewhere.length
    ? ` A template of that name is in ${seen.elsewhere.map((j) => `namespace ${j.namespaceId || '(none)'} (${j.appId})`).join(', ')}: set namespace-id to it if that is the one.`
    : seen.others.length
      ? ` ListJobs found only other names: ${seen.others.join(', ')}.`
      : '';
  return {
    status: STATUS.failed,
    code: 'Template.NotFound',
    message: `No job template is named ${s.name} ${where(s)}, so nothing was deployed.${hint} Check app-name, namespace-id and region; to create it from a spec file, set if-missing: create.`,
    inputs: ['app-name', 'namespace-id', 'region'],
  };
}

export function templateAmbiguous(s: Searched, matches: Array<{ appId: string; namespaceId: string }>): Outcome {
  return {
    status: STATUS.failed,
    code: 'Template.Ambiguous',
    message: `${matches.length} job templates are named ${s.name} ${where(s)}: ${matches.map((m) => `${m.appId} (namespace ${m.namespaceId || '(none)'})`).join(', ')}. The action deploys to one template, so nothing was deployed. Set namespace-id to the namespace of the one you mean, or name it by app-id.`,
    inputs: s.namespaceId ? ['app-name', 'namespace-id'] : ['app-name'],
  };
}

/** envs-strategy: merge, and the template's current Envs are not known: nothing is sent rather than a guess. */
export function mergeWithoutTemplate(why: string): Outcome {
  return {
    status: STATUS.failed,
    code: 'Envs.TemplateNotRead',
    message: `envs-strategy: merge keeps the env vars the template has, but ${why}, so the action does not know them and sent nothing rather than guess. Grant sae:DescribeJob to the deploying identity (see the README's RAM policy) and re-run, or set envs-strategy: replace and give the whole list in envs.`,
    inputs: ['envs-strategy', 'envs'],
  };
}

/** on-failure: rollback needs the template as it was before the deploy: without it, nothing is sent. */
export function rollbackWithoutTemplate(why: string): Outcome {
  return {
    status: STATUS.failed,
    code: 'Rollback.TemplateNotRead',
    message: `on-failure: rollback puts back what the template held before this step, but ${why}, so a failed deploy could not be put back: the action sent nothing rather than deploy without its way back. Re-run the step once DescribeJob answers, or set on-failure: keep to deploy without a rollback.`,
    inputs: ['on-failure'],
  };
}

/** CreateJob's answer was lost and no template of that name showed up: it was not sent again (it is not idempotent). */
export function createUnconfirmed(s: Searched, code: string, message: string): Outcome {
  return {
    status: STATUS.failed,
    code: 'Create.Unconfirmed',
    message: `CreateJob ended without a usable answer (${code}${message ? `: ${message}` : ''}), and no template named ${s.name} shows up ${where(s)}, so whether SAE created it is not known. CreateJob was not sent again: a second one could create a second template. Re-run the step: it looks the name up first, and creates the template only if it is still missing.`,
    inputs: ['app-name', 'if-missing'],
  };
}
