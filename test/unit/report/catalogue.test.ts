import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CATALOGUE, explain } from '../../../src/report/catalogue.js';
import { SETTING_INPUTS } from '../../../src/contract/action-inputs.js';
import { PARAMETERS } from '../../../src/contract/parameters.js';
import { DOCUMENTED_TRANSIENT } from '../../../src/sae/codes.js';

// Copies of SAE's UpdateJob page and the project's API reference, kept in the repository so the test runs
// anywhere; when the originals are beside the checkout (../shared), the copies must match them.
const REFERENCES = resolve(import.meta.dirname, '../../../docs/reference');
const SEED = join(REFERENCES, 'updatejob-page.txt');
const REFERENCE = join(REFERENCES, 'sae-api.md');
const SHARED = resolve(import.meta.dirname, '../../../../shared');

interface SeedRow {
  status: number;
  code: string;
  text: string;
}

/** The rows of the seed's error table: "<status> <code> <message> [description]". */
function seedTable(): SeedRow[] {
  const lines = readFileSync(SEED, 'utf8').split('\n');
  const start = lines.findIndex((l) => l.trim() === 'Error codes');
  expect(start).toBeGreaterThan(0);
  const rows: SeedRow[] = [];
  for (const line of lines.slice(start + 1)) {
    if (/^See Error Codes/.test(line)) break;
    const m = /^(\d{3})\s+(\S+)\s+(.*)$/.exec(line.trim());
    if (m) rows.push({ status: Number(m[1]), code: m[2]!, text: m[3]! });
  }
  return rows;
}

/** Expands "A.B / .C" shorthand: candidates are every prefix of the previous code followed by the tail. */
function expandCodes(tokens: string[]): string[][] {
  const out: string[][] = [];
  let previous = '';
  for (const token of tokens) {
    if (token.startsWith('.')) {
      const segs = previous.split('.');
      const candidates: string[] = [];
      for (let k = 1; k < segs.length; k++) candidates.push(segs.slice(0, k).join('.') + token);
      out.push(candidates);
    } else {
      out.push([token]);
      previous = token;
    }
  }
  return out;
}

const codeLike = (t: string): boolean => /^\.?[A-Za-z][A-Za-z0-9]*(\.[A-Za-z0-9]+)*$/.test(t);

/** Codes named in docs/reference/sae-api.md: §4.1 documented errors, §6 gateway codes, the §8.2 and §8.3 tables. */
function referenceCodes(): string[][] {
  const text = readFileSync(REFERENCE, 'utf8');
  const lines = text.split('\n');
  const groups: string[][] = [];
  const backticked = (line: string): string[] => [...line.matchAll(/`([^`]+)`/g)].map((m) => m[1]!).filter(codeLike);

  const documented = lines.find((l) => l.startsWith('Documented errors'));
  const gateway = lines.find((l) => l.startsWith('Codes (status as documented)'));
  expect(documented).toBeDefined();
  expect(gateway).toBeDefined();
  groups.push(...expandCodes(backticked(documented!)), ...expandCodes(backticked(gateway!)));

  const section = (from: string, to: string): string[] => {
    const a = lines.findIndex((l) => l.startsWith(from));
    const b = lines.findIndex((l, i) => i > a && l.startsWith(to));
    expect(a).toBeGreaterThan(0);
    return lines.slice(a, b);
  };
  for (const [from, to] of [
    ['### 8.2', '### 8.3'],
    ['### 8.3', '### 8.4'],
  ] as const) {
    for (const row of section(from, to)) {
      if (!row.startsWith('|') || /^\|\s*(Code|---)/.test(row)) continue;
      const cell = row
        .split('|')[1]!
        .replace(/\(.*?\)/g, '')
        .replace(/\b\d{3}\b/g, '');
      const tokens = cell
        .split(/\s*[/,]\s*/)
        .map((t) => t.trim())
        .filter(codeLike);
      groups.push(...expandCodes(tokens));
    }
  }
  return groups;
}

// The action's own inputs, as action.yml declares them, and clear.
const ACTION_SETTINGS = ['clear', ...SETTING_INPUTS.map((i) => i.name)];
const KNOWN_INPUTS = new Set([...PARAMETERS.map((p) => p.input), ...ACTION_SETTINGS]);
const names = (text: string, input: string): boolean =>
  new RegExp(`(?<![\\w-])${input.replace(/-/g, '\\-')}(?![\\w-])`).test(text);

const EXTRA_CODES = [
  // STS tokens and AssumeRoleWithOIDC
  'InvalidSecurityToken.Expired',
  'InvalidSecurityToken.Malformed',
  'InvalidSecurityToken.MismatchWithAccessKey',
  'AuthenticationFail.OIDCToken.Invalid',
  'AuthenticationFail.OIDCToken.Expired',
  'AuthenticationFail.OIDCToken.AudienceNotMatch',
  'AuthenticationFail.OIDCToken.InvalidSignature',
  'AuthenticationFail.OIDCToken.HttpsUrlInvalid',
  'AuthenticationFail.OIDCToken.IssuerNotMatch',
  'AuthenticationFail.NoPermission',
  'EntityNotExist.Role',
  'EntityNotExist.OIDCProvider',
  'InvalidParameter.RoleArn',
  'InvalidParameter.RoleSessionName',
  // change orders and generic server codes
  'InvalidChangeOrder.NotFound',
  'Application.ChangerOrderRunning',
  'Application.InvalidStatus',
  'ServiceUnavailable',
  'InternalError',
  'System.Upgrading',
];

describe('CATALOGUE coverage', () => {
  const rows = seedTable();

  it('parses the whole seed error table', () => {
    expect(rows.length).toBeGreaterThanOrEqual(45);
  });

  it.each(rows.map((r) => [r.code, r] as const))('describes seed code %s with its status and template', (code, row) => {
    const entry = CATALOGUE.get(code);
    expect(entry, `${code} is missing from CATALOGUE`).toBeDefined();
    expect(entry!.status).toBe(row.status);
    expect(entry!.template, `${code} needs the seed's message as template`).toBeDefined();
    expect(row.text.startsWith(entry!.template!), `${code}: template is not the seed's message`).toBe(true);
  });

  it('describes every code named in docs/reference/sae-api.md §4.1, §6, §8.2 and §8.3', () => {
    const groups = referenceCodes();
    expect(groups.length).toBeGreaterThan(40);
    const missing = groups.filter((candidates) => !candidates.some((c) => CATALOGUE.has(c)));
    expect(missing).toEqual([]);
  });

  it('describes STS, OIDC, change-order and generic server codes', () => {
    expect(EXTRA_CODES.filter((c) => !CATALOGUE.has(c))).toEqual([]);
  });

  it("describes the action's own rollback codes (on-failure: rollback)", () => {
    expect(['Rollback.Skipped', 'Rollback.Failed', 'Rollback.Cancelled'].filter((c) => !CATALOGUE.has(c))).toEqual([]);
  });

  it('keys every entry by its own code', () => {
    for (const [key, entry] of CATALOGUE) expect(entry.code).toBe(key);
  });
});

describe('CATALOGUE entries', () => {
  const entries = [...CATALOGUE.values()];

  it.each(entries.map((e) => [e.code, e] as const))('%s has a cause and a fix naming its inputs', (_code, e) => {
    expect(e.cause.trim()).not.toBe('');
    expect(e.fix.trim()).not.toBe('');
    expect(e.fix).not.toContain('%s');
    for (const input of e.inputs) {
      expect(KNOWN_INPUTS.has(input), `${e.code}: unknown input ${input}`).toBe(true);
      expect(names(e.fix, input), `${e.code}: fix does not name ${input}`).toBe(true);
    }
    const namesSome = [...KNOWN_INPUTS].some((i) => names(e.fix, i));
    const saysNone = /no workflow input is involved/i.test(e.fix);
    expect(namesSome || saysNone, `${e.code}: fix names no input and does not say none is involved`).toBe(true);
    if (e.inputs.length === 0 && !saysNone) {
      // Only the generic parameter entries leave the inputs to the server's message.
      expect(e.code.startsWith('InvalidParameter')).toBe(true);
    }
  });

  it('uses as many placeholders in the cause as the template has', () => {
    for (const e of entries) {
      const holes = (s: string | undefined): number => (s ?? '').split('%s').length - 1;
      if (e.template) expect(holes(e.cause), e.code).toBe(holes(e.template));
      else expect(holes(e.cause), e.code).toBe(0);
    }
  });

  it('marks the documented retryable codes as transient, and only those', () => {
    const transient = entries
      .filter((e) => e.transient)
      .map((e) => e.code)
      .sort();
    // The one list (sae/codes.ts): each of its codes has an entry, and no other entry is transient.
    expect(transient).toEqual([...DOCUMENTED_TRANSIENT].sort());
  });
});

describe('explain: placeholders', () => {
  it('fills hostname and IP for InvalidHostnameIp.Invalid', () => {
    const x = explain(
      'InvalidHostnameIp.Invalid',
      'The hostname and/or IP is invalid: Hostname [bad_host!], IP [300.1.2.3].',
    );
    expect(x.title).toBe('InvalidHostnameIp.Invalid');
    expect(x.known).toBe(true);
    expect(x.message).toMatch(
      /^A custom host alias has an invalid host name or IP address \(host name bad_host!, IP 300\.1\.2\.3\)\. /,
    );
    expect(x.message).toContain('custom-host-alias');
    expect(x.inputs[0]).toBe('custom-host-alias');
  });

  it('fills key and ConfigMap id for NotFound.ConfigMapKey, in the server order', () => {
    const x = explain('NotFound.ConfigMapKey', 'The key application.yaml of ConfigMap object (ID: 16) does not exist.');
    expect(x.message).toContain('(key application.yaml in ConfigMap 16)');
    expect(x.inputs).toEqual(['config-map-mount-desc', 'envs']);
  });

  it('fills the quota for NoComputeResourceQuota.App.Exceed in both of the seed wordings', () => {
    const ticket = explain(
      'NoComputeResourceQuota.App.Exceed',
      'You can create 50 instances for each application. Please submit a ticket to raise the quota.',
    );
    const dingtalk = explain(
      'NoComputeResourceQuota.App.Exceed',
      'You can create 50 instances for each application. please join the DingTalk group 32874633 for technical support.',
    );
    for (const x of [ticket, dingtalk]) {
      expect(x.message).toContain('(limit 50)');
      expect(x.message).toContain('replicas');
      expect(x.inputs).toEqual(['replicas']);
    }
  });

  it('stops a value at the end of its sentence when the server adds text', () => {
    const x = explain(
      'MountConflict.ConfigMap',
      'Conflict detected for ConfigMap path /etc/app.conf. Check your mounts.',
    );
    expect(x.message).toMatch(/^Two mounts use the same path \(ConfigMap mount path \/etc\/app\.conf\)\. Give/);
  });

  it('names the missing parameter and its input for InvalidParameter.NotEmpty', () => {
    const x = explain('InvalidParameter.NotEmpty', 'You must specify the parameter PackageVersion.', 'REQ-9');
    expect(x.message).toMatch(/^A required parameter was not sent \(PackageVersion, input package-version\)\. /);
    expect(x.message.endsWith(' (request id: REQ-9)')).toBe(true);
    expect(x.inputs[0]).toBe('package-version');
    // one-word parameter names are recognised when they fill the placeholder
    expect(explain('InvalidParameter.NotEmpty', 'You must specify the parameter Jdk.').inputs[0]).toBe('jdk');
  });

  it('fills both values of InvalidParameter.WithMessage and points at the input', () => {
    const x = explain(
      'InvalidParameter.WithMessage',
      'The parameter is invalid {TriggerConfig}: cron expression has 3 fields',
    );
    expect(x.message).toContain('(TriggerConfig, input trigger-config: cron expression has 3 fields)');
    expect(x.inputs[0]).toBe('trigger-config');
  });

  it('drops placeholders gracefully when the server message does not follow the template', () => {
    const none = explain('NotFound.ConfigMapKey');
    expect(none.message).toMatch(/^A referenced ConfigMap key does not exist\. Check key/);
    const other = explain('NotFound.ConfigMapKey', 'ConfigMap 16 has no key foo', 'R1');
    expect(other.message).toMatch(
      /^A referenced ConfigMap key does not exist\. SAE said: "ConfigMap 16 has no key foo"\. Check/,
    );
    expect(other.message).toContain('(request id: R1)');
    const unfilled = explain('InvalidParameter.NotEmpty', 'You must specify the parameter %s.');
    expect(unfilled.message).toMatch(/^A required parameter was not sent\. /);
  });

  it('never leaves a literal %s (or a broken gap) in any message', () => {
    for (const e of CATALOGUE.values()) {
      const samples = [
        undefined,
        '',
        'garbage',
        '%s %s %s',
        e.template,
        e.template?.replace(/%s/g, ''),
        e.template?.replace(/%s/g, 'X'),
        e.template?.replace(/%s/g, '%s'),
      ];
      for (const s of samples) {
        for (const code of [e.code, e.code.toUpperCase()]) {
          const x = explain(code, s, 'REQ');
          expect(x.message, `${code} / ${String(s)}`).not.toContain('%s');
          expect(x.message).not.toContain('\u0000');
          expect(x.message).not.toMatch(/\(\s*\)|\s{2,}|\s[.,](\s|$)/);
          expect(x.title).toBe(code);
        }
      }
    }
  });
});

describe('explain: families and unknown codes', () => {
  it('treats every Throttling* code as throttling', () => {
    for (const code of ['Throttling', 'Throttling.User', 'Throttling.Api', 'Throttling.Concurrent']) {
      const x = explain(code, 'Request was denied due to user flow control.', 'R-T');
      expect(x.known).toBe(true);
      expect(x.title).toBe(code);
      expect(x.code).toBe(code);
      expect(x.message).toMatch(/throttled/);
      expect(x.message).toContain('without using up max-retries');
      expect(x.message).toMatch(/60 calls a minute per user/);
      expect(x.message).toMatch(/fewer deploys in parallel/);
      expect(x.message).toContain('(request id: R-T)');
      expect(x.inputs).toContain('wait-timeout');
    }
    expect(CATALOGUE.get('Throttling.User')?.transient).toBe(true);
  });

  it('maps other InvalidParameter.* codes to the generic invalid-parameter entry', () => {
    const x = explain('InvalidParameter.Format', 'The parameter {SlsConfigs} is not a JSON array.');
    expect(x.known).toBe(true);
    expect(x.title).toBe('InvalidParameter.Format');
    expect(x.message).toMatch(
      /^SAE rejected a parameter value as invalid\. SAE said: "The parameter \{SlsConfigs\} is not a JSON array\."\./,
    );
    expect(x.inputs).toEqual(['sls-configs']);
  });

  it('keeps code, server message and request id for unknown codes', () => {
    const x = explain('Some.New.Code', 'Something about ImageUrl went wrong.', 'REQ-42');
    expect(x.known).toBe(false);
    expect(x.code).toBe('Some.New.Code');
    expect(x.title).toBe('Some.New.Code');
    expect(x.message.startsWith('SAE answered Some.New.Code: Something about ImageUrl went wrong. ')).toBe(true);
    expect(x.message).toMatch(/re-run the step/);
    expect(x.message).toMatch(/ticket/);
    expect(x.message.endsWith('(request id: REQ-42)')).toBe(true);
    expect(x.inputs).toEqual(['image-url']);
    const bare = explain('Other', undefined, 'R');
    expect(bare.message).toMatch(/^SAE answered Other without a message\. .*\(request id: R\)$/);
    expect(bare.inputs).toEqual([]);
  });

  it('does not take one-word parameter names from plain prose', () => {
    expect(explain('Some.New.Code', 'Timeout while reading the Command output').inputs).toEqual([]);
    expect(explain('Some.New.Code', 'bad value for "Timeout"').inputs).toEqual(['timeout']);
  });
});

describe('explain: specific advice', () => {
  it('points InvalidApplication.NotFound and InvalidAppId.NotFound at app-id and region', () => {
    for (const code of ['InvalidApplication.NotFound', 'InvalidAppId.NotFound']) {
      const x = explain(code, 'The current application does not exist.');
      expect(x.inputs.slice(0, 2)).toEqual(['app-id', 'region']);
      expect(x.message).toMatch(/Check app-id: it must be the id of an existing job template/);
    }
  });

  it('explains VolumnPath.Conflict in terms of sls-configs and the mounts', () => {
    const x = explain('VolumnPath.Conflict');
    expect(x.message).toMatch(/Move logDir in sls-configs out of the mountPath/);
    expect(x.inputs).toEqual(['sls-configs', 'mount-desc', 'nas-configs', 'oss-mount-descs']);
  });

  it('says the SLB and batch codes concern applications', () => {
    for (const code of [
      'Slb.Occupied',
      'Slb.Tag.Not.Qualified',
      'MinReadyInstances.Not.Smaller.Replicas',
      'BatchWaitTime.Not.Smaller.Zero',
    ]) {
      expect(explain(code).message).toMatch(/applications, not job templates/);
    }
  });

  it('gives credential and OIDC fixes naming the action settings', () => {
    expect(explain('SignatureDoesNotMatch').message).toMatch(/access-key-secret .*ALIBABA_CLOUD_/);
    expect(explain('InvalidTimeStamp.Expired').message).toMatch(/runner's clock/);
    expect(explain('InvalidApi.NotFound').inputs).toEqual(['endpoint', 'region']);
    expect(explain('Forbidden.RAM').message).toMatch(/sae:UpdateJob/);
    expect(explain('AuthenticationFail.OIDCToken.AudienceNotMatch').message).toMatch(
      /oidc-audience must be a client id of the OIDC provider/,
    );
    expect(explain('AuthenticationFail.NoPermission').message).toContain('repo:OWNER/REPO:ref:refs/tags/*');
    expect(explain('Application.ChangerOrderRunning').inputs[0]).toBe('if-busy');
    expect(explain('InvalidImageUrl.AcrInstanceId.Domain.NotMatch').message).toMatch(
      /host of image-url one of the domains of the acr-instance-id instance/,
    );
  });

  it('looks codes up case-insensitively', () => {
    const x = explain('User.InDebt');
    expect(x.known).toBe(true);
    expect(x.title).toBe('User.InDebt');
    expect(x.message).toMatch(/overdue payment/);
  });
});

describe('the reference copies', () => {
  it.skipIf(!existsSync(SHARED))('match the originals in ../shared', () => {
    expect(readFileSync(SEED, 'utf8')).toBe(readFileSync(join(SHARED, 'seeds/000_5b9adf2bb92187eb.txt'), 'utf8'));
    expect(readFileSync(REFERENCE, 'utf8')).toBe(readFileSync(join(SHARED, 'reference/sae-api.md'), 'utf8'));
  });
});
