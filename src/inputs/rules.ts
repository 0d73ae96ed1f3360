// Rules between parameters and per-field rules that SAE documents, checked before anything is sent.
// Where SAE documents an error code for a rule, the problem carries that code. Every input named here is typed by
// the contract (contract/): a name that is not an input, or a list read from a parameter that is not structured,
// fails to compile.
import { isIP } from 'node:net';
import { parameter, type JsonInput, type ParameterInput } from '../contract/parameters.js';
import { INPUT_CONFLICT, problem, warning, type Problem } from './problems.js';
import { defaultPackageVersion, type BuildContext, type ParameterValue } from './read.js';
import { checkQueryLength, cronRangeProblem, quoted } from './bounds.js';

type Values = ReadonlyMap<ParameterInput, ParameterValue>;
type Entry = Record<string, unknown>;

const INVALID = 'InvalidParameter.WithMessage';
const NOT_EMPTY = 'InvalidParameter.NotEmpty';

function list(values: Values, input: JsonInput): Entry[] {
  const v = values.get(input)?.value;
  return Array.isArray(v) ? (v as Entry[]) : [];
}

const str = (v: unknown): string => (typeof v === 'string' ? v : '');

// RFC 1123 host names, as Kubernetes checks hostAliases.
const HOSTNAME =
  /^(?=.{1,253}$)[a-zA-Z0-9]([-a-zA-Z0-9]{0,61}[a-zA-Z0-9])?(\.[a-zA-Z0-9]([-a-zA-Z0-9]{0,61}[a-zA-Z0-9])?)*$/;
// An image reference as registries parse it (the distribution/reference grammar): an optional host[:port],
// lower-case path components, an optional tag and digest. A path such as ../../etc/passwd is none.
const DOMAIN_PART = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const PATH_PART = '[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*';
const IMAGE_REFERENCE = new RegExp(
  `^(?:${DOMAIN_PART}(?:\\.${DOMAIN_PART})*(?::[0-9]+)?/)?${PATH_PART}(?:/${PATH_PART})*` +
    '(?::[\\w][\\w.-]{0,127})?(?:@[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,})?$',
);
// SAE documents its cron grammar only by example (`0 1 */1 * ?`): check field count and characters only.
const CRON_FIELD = /^[0-9A-Za-z*?/,\-#]+$/;

function isUnder(path: string, dir: string): boolean {
  const d = dir.endsWith('/') ? dir : dir + '/';
  return path === dir || path.startsWith(d);
}

/** Mount paths of persistent storage (NAS and OSS), with the input that sets each. */
function storageMounts(values: Values): Array<{ input: JsonInput; path: string }> {
  return (['mount-desc', 'nas-configs', 'oss-mount-descs'] as const).flatMap((input) =>
    list(values, input)
      .map((e) => ({ input, path: str(e.mountPath) }))
      .filter((m) => m.path),
  );
}

function checkSource(values: Values, context: BuildContext, out: Problem[], defaults: ParameterValue[]): void {
  const image = values.get('image-url');
  const pkg = values.get('package-url');
  if (image && pkg) {
    out.push(
      problem(
        'package-url',
        INPUT_CONFLICT,
        "image-url and package-url are both set, but a job template runs either an image or a package, fixed when it was created. Set only the one that matches the template's package type.",
      ),
    );
  }
  if (image) {
    for (const input of ['jdk', 'web-container'] as const) {
      if (values.has(input)) {
        out.push(
          problem(
            input,
            INVALID,
            `${input} is set with image-url, but SAE supports ${input} only for package deployments (the image brings its own runtime). Remove ${input}, or deploy a package with package-url.`,
          ),
        );
      }
    }
    const url = str(image.value);
    if (/^[a-z]+:\/\//i.test(url) || /\s/.test(url)) {
      out.push(
        problem(
          'image-url',
          INVALID,
          `image-url "${url}" is not an image reference: it must have no scheme and no spaces. Use registry/namespace/name:tag, e.g. image-url: ${parameter('image-url').example}.`,
        ),
      );
    } else if (!IMAGE_REFERENCE.test(url)) {
      out.push(
        problem(
          'image-url',
          INVALID,
          `image-url ${quoted(url)} is not an image reference: after an optional registry host, each part of the path is lower-case letters and digits joined by . _ or -, then an optional :tag and @digest. Use registry/namespace/name:tag, e.g. image-url: ${parameter('image-url').example}.`,
        ),
      );
    } else if (/^[^/]+-registry(-vpc)?\.[^/]+\.cr\.aliyuncs\.com\//.test(url) && !values.has('acr-instance-id')) {
      out.push(
        warning(
          'acr-instance-id',
          `image-url points at a Container Registry Enterprise Edition instance (${url.split('/')[0]}), and SAE needs acr-instance-id for those unless the template already has it. Set acr-instance-id: cri-… if the deploy fails to pull the image.`,
        ),
      );
    }
  }
  const version = values.get('package-version');
  if (version && !pkg) {
    out.push(
      problem(
        'package-version',
        NOT_EMPTY,
        'package-version is set without package-url: SAE takes a version only with the package it names. Set package-url too, or remove package-version.',
      ),
    );
  }
  if (pkg) {
    const url = str(pkg.value);
    let name = '';
    try {
      const u = new URL(url);
      if (u.protocol !== 'https:' && u.protocol !== 'http:') throw new Error('scheme');
      name = decodeURIComponent(u.pathname.split('/').pop() ?? '');
    } catch {
      out.push(
        problem(
          'package-url',
          INVALID,
          `package-url "${url}" is not an http(s) URL. Give the URL of the package, e.g. package-url: ${parameter('package-url').example}.`,
        ),
      );
    }
    if (!name && !out.some((p) => p.input === 'package-url')) {
      out.push(
        problem(
          'package-url',
          'InvalidParameter.FileName',
          `package-url "${url}" names no file (its path ends without a file name). Give the URL of the jar, war or zip itself, e.g. package-url: ${parameter('package-url').example}.`,
        ),
      );
    }
    if (name) {
      const base = name.replace(/\.(jar|war|zip)$/i, '');
      if (!/^[A-Za-z0-9._-]+$/.test(base)) {
        out.push(
          problem(
            'package-url',
            'InvalidParameter.FileName',
            `package-url: the file name "${name}" has characters SAE does not accept: use only letters, digits, hyphens, underscores (and dots). Rename the file, e.g. report-job-1.2.0.jar.`,
          ),
        );
      } else if (base === name) {
        out.push(
          warning(
            'package-url',
            `package-url: the file name "${name}" does not end in .jar, .war or .zip; SAE checks the kind of package against the template and may answer InvalidParameter.FileName.`,
          ),
        );
      }
    }
    if (!version) {
      const v = defaultPackageVersion(context);
      if (v) {
        defaults.push({ param: parameter('package-version'), value: v, wire: v });
      } else {
        out.push(
          problem(
            'package-version',
            NOT_EMPTY,
            'package-url is set without package-version, and no tag or commit is known to take it from. Set package-version, e.g. package-version: 1.0.1.',
          ),
        );
      }
    }
  }
}

function checkOss(values: Values, out: Problem[]): void {
  const id = values.has('oss-ak-id');
  const secret = values.has('oss-ak-secret');
  if (id !== secret) {
    out.push(
      problem(
        id ? 'oss-ak-secret' : 'oss-ak-id',
        NOT_EMPTY,
        `${id ? 'oss-ak-id' : 'oss-ak-secret'} is set without ${id ? 'oss-ak-secret' : 'oss-ak-id'}: OSS needs the AccessKey pair. Set both.`,
      ),
    );
  }
  if (list(values, 'oss-mount-descs').length > 0 && !id && !secret) {
    out.push(
      problem(
        'oss-mount-descs',
        NOT_EMPTY,
        'oss-mount-descs mounts OSS buckets but oss-ak-id and oss-ak-secret are empty: SAE needs an AccessKey pair that can read the buckets. Set both, from secrets.',
      ),
    );
  }
}

function checkSls(values: Values, out: Problem[]): void {
  const sls = list(values, 'sls-configs');
  if (!sls.length) return;
  const stdout = sls.filter((e) => e.logType === 'stdout');
  if (stdout.length > 1) {
    out.push(
      problem(
        'sls-configs',
        INVALID,
        `sls-configs has ${stdout.length} entries with logType "stdout", but SAE collects standard output once. Keep one stdout entry; the others collect files.`,
      ),
    );
  }
  const projects = new Set<string>();
  sls.forEach((e, i) => {
    const at = `sls-configs[${i}]`;
    const project = str(e.projectName);
    const store = str(e.logstoreName);
    if (project.startsWith('sae-')) {
      out.push(
        problem(
          'sls-configs',
          'Sls.Project.Name.Invalid',
          `${at}.projectName "${project}" starts with "sae-", a prefix SAE keeps for the projects it creates (and deletes with the template). Use a project of your own without the prefix, or leave projectName out to let SAE create one.`,
        ),
      );
    }
    if (store.startsWith('sae-')) {
      out.push(
        problem(
          'sls-configs',
          'Sls.Logstore.Name.Invalid',
          `${at}.logstoreName "${store}" starts with "sae-", a prefix SAE keeps for its own logstores. Use a logstore name without it.`,
        ),
      );
    }
    if (project && !store) {
      out.push(
        problem(
          'sls-configs',
          'Sls.Config.User.Defined.Missing.Logstore.Info',
          `${at} names projectName "${project}" but no logstoreName: a custom project needs a logstore. Add logstoreName, or remove projectName.`,
        ),
      );
    }
    if (store && !project) {
      out.push(
        problem(
          'sls-configs',
          'Sls.Config.User.Defined.Missing.Project.Info',
          `${at} names logstoreName "${store}" but no projectName: a custom logstore needs its project. Add projectName, or remove logstoreName.`,
        ),
      );
    }
    if (project) projects.add(project);
    const dir = str(e.logDir);
    if (e.logType !== 'stdout' && !dir.startsWith('/')) {
      out.push(
        problem(
          'sls-configs',
          'LogService.LogDirInvalid',
          `${at}.logDir "${dir}" is not an absolute path, and file logs need one. Use a path such as /tmp/app.log, or set logType: stdout.`,
        ),
      );
    }
    if (dir.startsWith('/')) {
      for (const m of storageMounts(values)) {
        if (isUnder(dir, m.path) || isUnder(m.path, dir)) {
          out.push(
            problem(
              'sls-configs',
              'VolumnPath.Conflict',
              `${at}.logDir "${dir}" overlaps the mount path "${m.path}" of ${m.input}, and SAE cannot collect logs from persistent storage. Move the log directory out of ${m.path}, or mount elsewhere.`,
            ),
          );
        }
      }
    }
  });
  if (projects.size > 1) {
    out.push(
      problem(
        'sls-configs',
        'Sls.Config.Mixed.Multi.Project',
        `sls-configs uses ${projects.size} projects (${[...projects].join(', ')}), but all entries of one template must use one project. Use a single projectName.`,
      ),
    );
  }
}

function checkHostAlias(values: Values, out: Problem[]): void {
  list(values, 'custom-host-alias').forEach((e, i) => {
    const host = str(e.hostName);
    const ip = str(e.ip);
    // /etc/hosts (and Kubernetes hostAliases) take plain addresses: an IPv6 zone id (`fe80::1%eth0`) is refused.
    const ipOk = isIP(ip) !== 0 && !ip.includes('%');
    if (!HOSTNAME.test(host) || !ipOk) {
      const what = [
        !HOSTNAME.test(host) && `hostName "${host}" is not a valid host name`,
        !ipOk && `ip "${ip}" is not an IPv4 or IPv6 address${ip.includes('%') ? ' without a zone id' : ''}`,
      ]
        .filter(Boolean)
        .join(' and ');
      out.push(
        problem(
          'custom-host-alias',
          'InvalidHostnameIp.Invalid',
          `custom-host-alias[${i}]: ${what}. Use entries such as {"hostName":"db.internal","ip":"10.0.0.12"}.`,
        ),
      );
    }
  });
}

function checkConfigMaps(values: Values, out: Problem[]): void {
  const seen = new Map<string, number>();
  const storage = storageMounts(values);
  list(values, 'config-map-mount-desc').forEach((e, i) => {
    const path = str(e.mountPath);
    const previous = seen.get(path);
    if (previous !== undefined) {
      out.push(
        problem(
          'config-map-mount-desc',
          'MountConflict.ConfigMap',
          `config-map-mount-desc[${i}] mounts at "${path}", like entry [${previous}]: two mounts cannot share a path. Give each its own mountPath.`,
        ),
      );
    } else {
      seen.set(path, i);
    }
    for (const m of storage) {
      if (m.path === path) {
        out.push(
          problem(
            'config-map-mount-desc',
            'MountConflict.ConfigMap',
            `config-map-mount-desc[${i}] mounts at "${path}", where ${m.input} mounts storage. Use another mountPath.`,
          ),
        );
      }
    }
  });
}

function checkEnvs(values: Values, context: BuildContext, out: Problem[]): void {
  const names = new Set<string>();
  list(values, 'envs').forEach((e, i) => {
    const name = str(e.name);
    if (e.value === null) {
      // A name given as null is removed from the template's Envs, which only a merge has (envs-strategy).
      if (context.envsStrategy !== 'merge')
        out.push(
          problem(
            'envs',
            INVALID,
            `envs[${i}] (${name}) has the value null, which removes a variable only with envs-strategy: merge (the default, replace, sends envs as the whole list). Set envs-strategy: merge, or leave ${name} out.`,
          ),
        );
      else if (e.valueFrom !== undefined || e.configMapId !== undefined)
        out.push(
          problem(
            'envs',
            INVALID,
            `envs[${i}] (${name}) has the value null, which removes the variable, and also a ConfigMap reference. Keep one: null to remove ${name}, or the reference to set it.`,
          ),
        );
    } else if (e.valueFrom === 'configMapRef') {
      if (e.configMapId === undefined) {
        out.push(
          problem(
            'envs',
            INVALID,
            `envs[${i}] (${name}) references a ConfigMap but has no configMapId. Add configMapId, e.g. {"name":"sae-sys-configmap-all-app","valueFrom":"configMapRef","configMapId":16}.`,
          ),
        );
      }
    } else if (e.value === undefined) {
      out.push(
        problem(
          'envs',
          INVALID,
          `envs[${i}] (${name}) has no value. Give value (use "" for an empty variable), or valueFrom: configMapRef with configMapId.`,
        ),
      );
    }
    if (names.has(name)) out.push(warning('envs', `envs sets ${name} more than once; only one value takes effect.`));
    names.add(name);
  });
}

function checkTrigger(values: Values, out: Problem[]): void {
  const t = values.get('trigger-config')?.value as Entry | undefined;
  if (!t || t.type !== 'time') return;
  const cron = str(t.config).trim();
  const fields = cron.split(/\s+/);
  if (fields.length < 5 || fields.length > 7 || !fields.every((f) => CRON_FIELD.test(f))) {
    out.push(
      problem(
        'trigger-config',
        INVALID,
        `trigger-config.config "${cron}" is not a cron expression: SAE expects 5 to 7 fields of digits, letters and * ? / , - # (minute hour day month weekday). For example {"type":"time","config":"0 1 */1 * ?","timezone":"GMT+8:00"} runs daily at 01:00.`,
      ),
    );
    return;
  }
  const range = cronRangeProblem(fields);
  if (range) {
    out.push(
      problem(
        'trigger-config',
        INVALID,
        `trigger-config.config "${cron}" is not a valid schedule: ${range}. For example {"type":"time","config":"0 1 */1 * ?","timezone":"GMT+8:00"} runs daily at 01:00.`,
      ),
    );
  }
}

function checkOthers(values: Values, out: Problem[]): void {
  if (values.has('slice-envs') && values.get('slice')?.value !== true) {
    out.push(
      problem(
        'slice-envs',
        INVALID,
        'slice-envs is set but slice is not true: shard parameters take effect only with sharding on. Set slice: true, or remove slice-envs.',
      ),
    );
  }
  const tz = values.get('timezone');
  if (tz && !isKnownTimeZone(str(tz.value))) {
    out.push(
      warning(
        'timezone',
        `timezone "${str(tz.value)}" is not an IANA time zone this runner knows; SAE expects one such as Asia/Shanghai or UTC.`,
      ),
    );
  }
  const legacy = (['nas-id', 'mount-host', 'mount-desc'] as const).filter((i) => values.has(i));
  if (legacy.length > 0 && legacy.length < 3) {
    out.push(
      warning(
        legacy[0]!,
        `Only ${legacy.join(' and ')} of the legacy NAS settings (nas-id, mount-host, mount-desc) are set; SAE documents them as a set. Set all three, or use nas-configs.`,
      ),
    );
  }
}

let zones: Set<string> | undefined;
function isKnownTimeZone(tz: string): boolean {
  zones ??= new Set(Intl.supportedValuesOf('timeZone'));
  if (zones.has(tz) || tz === 'UTC') return true;
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

export interface RuleResult {
  problems: Problem[];
  /** Values the action filled in (package-version), to add to the request with a notice. */
  defaults: ParameterValue[];
}

export function checkRules(values: Values, context: BuildContext = {}): RuleResult {
  const problems: Problem[] = [];
  const defaults: ParameterValue[] = [];
  checkSource(values, context, problems, defaults);
  checkOss(values, problems);
  checkSls(values, problems);
  checkHostAlias(values, problems);
  checkConfigMaps(values, problems);
  checkEnvs(values, context, problems);
  checkTrigger(values, problems);
  checkOthers(values, problems);
  checkQueryLength(values, problems);
  return { problems, defaults };
}
