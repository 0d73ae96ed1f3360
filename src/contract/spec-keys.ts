// The keys of a spec file (inputs/spec.ts reads it): a template's identity and place besides its parameters, the
// `create` block's settings, and the inputs a spec may never hold. Part of the contract room (src/contract/).
import type { InputName } from './action-inputs.js';

/** Keys that describe the template besides the parameters: who it is, where it lives, what to clear. */
export const SPEC_TEMPLATE_KEYS = [
  'app-name',
  'namespace-id',
  'region',
  'clear',
] as const satisfies readonly InputName[];

/** The keys of the `create` block (CreateJob's settings that UpdateJob cannot change; issue 22). */
export const CREATE_KEYS = [
  'package-type',
  'cpu',
  'memory',
  'replicas',
  'vpc-id',
  'v-switch-id',
  'security-group-id',
  'auto-config',
  'app-description',
] as const;
export type CreateKey = (typeof CREATE_KEYS)[number];
export const isCreateKey = (key: string): key is CreateKey => (CREATE_KEYS as readonly string[]).includes(key);

/** Credentials stay on the step: a spec file is committed to the repository. */
export const CREDENTIAL_KEYS = [
  'access-key-id',
  'access-key-secret',
  'security-token',
  'role-to-assume',
  'oidc-provider-arn',
  'role-session-name',
  'oidc-audience',
  'sts-endpoint',
  'github-token',
] as const satisfies readonly InputName[];

/** What a problem, an outcome or an annotation is about: an input, or a spec file's create block. */
export type Subject = InputName | 'create';
