// The inputs that say who signs: read here once, with the other settings, and handed to credentials/ as
// typed values (credentials/resolve.ts decides what they mean together).
import { defaultOf, type GetInput } from '../contract/action-inputs.js';

export interface CredentialInputs {
  accessKeyId: string;
  accessKeySecret: string;
  securityToken: string;
  roleToAssume: string;
  oidcProviderArn: string;
  /** '' for the default, built from the repository and run (credentials/sts.ts defaultSessionName). */
  roleSessionName: string;
  oidcAudience: string;
  /** STS endpoint URL (Settings.stsEndpoint): sts-endpoint, or sts.<region>.aliyuncs.com. */
  stsEndpoint: string;
}

export function readCredentialInputs(getInput: GetInput, stsEndpoint: string): CredentialInputs {
  return {
    accessKeyId: getInput('access-key-id'),
    accessKeySecret: getInput('access-key-secret'),
    securityToken: getInput('security-token'),
    roleToAssume: getInput('role-to-assume'),
    oidcProviderArn: getInput('oidc-provider-arn'),
    roleSessionName: getInput('role-session-name'),
    oidcAudience: getInput('oidc-audience') || defaultOf('oidc-audience'),
    stsEndpoint,
  };
}
