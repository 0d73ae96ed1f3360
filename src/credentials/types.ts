// What signs a request: the shapes the credentials resolver produces and the SAE client consumes.

export interface Credentials {
  accessKeyId: string;
  accessKeySecret: string;
  securityToken?: string;
}

/**
 * Credentials that can change during a run (temporary ones that renew themselves): pop-core calls
 * getCredentials before every request.
 */
export interface CredentialsProvider {
  getCredentials(): Promise<Credentials>;
}

/**
 * What a credentials request runs under: the run's cancellation, and its deadline (epoch ms on `now`), to
 * which each request is cut and after which no retry starts (base/deadline.ts).
 */
export interface CallBounds {
  signal?: AbortSignal;
  deadline?: number;
  now?: () => number;
}
