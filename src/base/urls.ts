// Where the action may send a secret: the one URL policy for SAE, STS, the GitHub OIDC token and the GitHub
// API. https:// anywhere; plain http:// only to this machine (a local emulator or test server).

const LOOPBACK = /^(127(\.\d{1,3}){3}|localhost|\[::1\])$/i;

/** True for hosts that never leave this machine: the only ones plain http:// may reach. */
export function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK.test(hostname);
}

/** True when a request to this URL does not cross the network unencrypted. */
export function isPrivateChannel(url: URL): boolean {
  return url.protocol === 'https:' || (url.protocol === 'http:' && isLoopbackHost(url.hostname));
}

/**
 * Checks a URL the action will send credentials to: https://, or http:// to a loopback host only.
 * Returns the URL without a trailing slash, or a reason.
 */
export function checkEndpointUrl(text: string): { ok: true; url: string } | { ok: false; reason: string } {
  let u: URL;
  try {
    u = new URL(text);
  } catch {
    return { ok: false, reason: `"${text}" is not a URL` };
  }
  if (u.protocol === 'http:' && !isLoopbackHost(u.hostname)) {
    return {
      ok: false,
      reason: `"${text}" uses plain http:// to a host that is not loopback, so credentials and secrets would cross the network unencrypted`,
    };
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:')
    return { ok: false, reason: `"${text}" is not an http(s) URL` };
  // Requests are signed with the AccessKey; a user name or password in the URL would be dropped (and is masked as a
  // secret).
  if (u.username || u.password)
    return { ok: false, reason: `"${text}" has a user name or password in it; SAE takes none there` };
  if ((u.pathname !== '/' && u.pathname !== '') || u.search || u.hash) {
    return { ok: false, reason: `"${text}" has a path or query; give only scheme, host and port` };
  }
  return { ok: true, url: `${u.protocol}//${u.host}` };
}
