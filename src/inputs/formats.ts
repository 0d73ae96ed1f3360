// Ids of a fixed shape: a value in any other shape cannot be right, so it is refused before anything is sent
// (a path such as ../../etc/passwd in app-id, `not-an-arn` in role-to-assume, which would otherwise fetch an
// OIDC token and call STS first).
import type { InputName } from '../contract/action-inputs.js';
import { INPUT_INVALID, problem, type Problem } from './problems.js';
import { quoted } from './bounds.js';

/**
 * SAE job template ids are UUIDs, lower-case as SAE issues them (docs/reference/sae-api.md §2.4 #3; every example and
 * the console). Upper case is accepted too: whether SAE matches ids case-blind is not known, and such an id is
 * at least shaped right.
 */
const TEMPLATE_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// RAM ARNs (docs/reference/sae-api.md §2.4 #1, §10.3): acs:ram::<account id>:role/<name> and …:oidc-provider/<name>.
// RAM names are letters, digits, '.', '-' (and '_', which some older names hold); roles up to 64 characters,
// providers up to 128.
const ROLE_ARN = /^acs:ram::\d+:role\/[A-Za-z0-9._-]{1,64}$/;
const OIDC_PROVIDER_ARN = /^acs:ram::\d+:oidc-provider\/[A-Za-z0-9._-]{1,128}$/;

export type Format = 'template-id' | 'ram-role-arn' | 'oidc-provider-arn';

const RULES: Record<Format, { re: RegExp; what: string; example: string; where: string }> = {
  'template-id': {
    re: TEMPLATE_ID,
    what: 'the id of a job template: SAE ids are UUIDs, 8-4-4-4-12 hexadecimal digits',
    example: '7171a6ca-d1cd-4928-8642-7d5cfe69aaaa',
    where:
      'Copy the id from the SAE console (the job template page) or from the output of the step that created it; to name the template by its name, use app-name (and namespace-id) instead.',
  },
  'ram-role-arn': {
    re: ROLE_ARN,
    what: 'a RAM role ARN, acs:ram::<account id>:role/<role name>',
    example: 'acs:ram::123456789012:role/github-deploy',
    where: 'Copy the ARN from the role page of the RAM console.',
  },
  'oidc-provider-arn': {
    re: OIDC_PROVIDER_ARN,
    what: 'a RAM OIDC provider ARN, acs:ram::<account id>:oidc-provider/<name>',
    example: 'acs:ram::123456789012:oidc-provider/GitHub',
    where: 'Copy the ARN from the OIDC provider page of the RAM console (SSO, OIDC).',
  },
};

/**
 * A problem when `text` is not in the shape of `format`; undefined when it is (or is empty). `code`: the
 * UpdateJob parameters carry the one SAE would answer with.
 */
export function checkFormat(input: InputName, text: string, format: Format, code = INPUT_INVALID): Problem | undefined {
  const rule = RULES[format];
  if (!text || rule.re.test(text)) return undefined;
  return problem(
    input,
    code,
    `${input} ${quoted(text)}${text.length > 80 ? ` (${text.length} characters)` : ''} is not ${rule.what}, so it cannot be right. ${rule.where} For example: ${input}: ${rule.example}.`,
  );
}
