// Shape checks of UpdateJob's JSON parameters (seed field lists; codes per the seed's table where it names one).
import { isIP } from 'node:net';
import { saeError, withMessage } from './errors.js';
import { isRecord } from './util.js';

export interface ConfigEnv {
  configMaps: Record<string, string[]>;
}

const ALL_KEYS = 'sae-sys-configmap-all';
const HOSTNAME =
  /^(?=.{1,253}$)[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;
const CRON_FIELD = /^[0-9*?/,\-LW#A-Za-z]+$/;
const URI_ENCODINGS = ['UTF-8', 'ISO-8859-1', 'GBK', 'GB2312'];

const isScalar = (v: unknown): boolean => ['string', 'number', 'boolean'].includes(typeof v);

function arrayOfObjects(name: string, v: unknown): Record<string, unknown>[] {
  if (!Array.isArray(v) || !v.every(isRecord)) throw withMessage(name, 'must be a JSON array of objects');
  return v;
}

function absolutePath(name: string, field: string, v: unknown): string {
  if (typeof v !== 'string' || !v.startsWith('/')) throw withMessage(name, `${field} must be an absolute path`);
  return v;
}

/** Dispatches on the parameter name; `v` is the parsed JSON. */
export function checkJsonShape(name: string, v: unknown, env: ConfigEnv): void {
  switch (name) {
    case 'CommandArgs':
    case 'SliceEnvs':
      if (!Array.isArray(v) || !v.every(isScalar)) throw withMessage(name, 'must be a JSON array of strings');
      return;
    case 'Envs':
      return checkEnvs(v, env);
    case 'CustomHostAlias':
      for (const e of arrayOfObjects(name, v)) {
        const host = e['hostName'];
        const ip = e['ip'];
        if (typeof host !== 'string' || typeof ip !== 'string' || !HOSTNAME.test(host) || isIP(ip) === 0) {
          throw saeError('InvalidHostnameIp.Invalid', String(host), String(ip));
        }
      }
      return;
    case 'ConfigMapMountDesc':
      return checkConfigMapMounts(v, env);
    case 'MountDesc':
    case 'NasConfigs':
      for (const e of arrayOfObjects(name, v)) absolutePath(name, 'mountPath', e['mountPath']);
      return;
    case 'OssMountDescs':
      for (const e of arrayOfObjects(name, v)) {
        if (typeof e['bucketName'] !== 'string' || e['bucketName'] === '')
          throw withMessage(name, 'bucketName is required');
        if (typeof e['bucketPath'] !== 'string') throw withMessage(name, 'bucketPath is required');
        absolutePath(name, 'mountPath', e['mountPath']);
        if (e['readOnly'] !== undefined && typeof e['readOnly'] !== 'boolean')
          throw withMessage(name, 'readOnly must be true or false');
      }
      return;
    case 'PostStart':
    case 'PreStop':
      return checkLifecycle(name, v);
    case 'TomcatConfig':
      return checkTomcat(v);
    case 'TriggerConfig':
      return checkTrigger(v);
    // SlsConfigs: validation-sls.ts
  }
}

function checkEnvs(v: unknown, env: ConfigEnv): void {
  for (const e of arrayOfObjects('Envs', v)) {
    if (typeof e['name'] !== 'string' || e['name'] === '') throw withMessage('Envs', 'every entry needs a name');
    if (e['valueFrom'] === 'configMapRef') {
      const id = String(e['configMapId'] ?? '');
      const keys = env.configMaps[id];
      if (!keys) throw saeError('NotFound.ConfigMap', id);
      const key = e['key'];
      if (key !== undefined && key !== ALL_KEYS && !keys.includes(String(key)))
        throw saeError('NotFound.ConfigMapKey', String(key), id);
    } else if (e['value'] !== undefined && !isScalar(e['value'])) {
      throw withMessage('Envs', `the value of ${e['name']} must be a string`);
    }
  }
}

function checkConfigMapMounts(v: unknown, env: ConfigEnv): void {
  const seen = new Set<string>();
  for (const e of arrayOfObjects('ConfigMapMountDesc', v)) {
    const path = absolutePath('ConfigMapMountDesc', 'mountPath', e['mountPath']);
    if (seen.has(path)) throw saeError('MountConflict.ConfigMap', path);
    seen.add(path);
    if (typeof e['configMapId'] !== 'number' && typeof e['configMapId'] !== 'string')
      throw withMessage('ConfigMapMountDesc', 'configMapId is required');
    const id = String(e['configMapId']);
    const keys = env.configMaps[id];
    if (!keys) throw saeError('NotFound.ConfigMap', id);
    const key = e['key'];
    if (typeof key !== 'string' || key === '') throw withMessage('ConfigMapMountDesc', 'key is required');
    if (key !== ALL_KEYS && !keys.includes(key)) throw saeError('NotFound.ConfigMapKey', key, id);
  }
}

function checkLifecycle(name: string, v: unknown): void {
  if (!isRecord(v))
    throw withMessage(name, 'must be a JSON object such as {"exec":{"command":["sh","-c","echo hello"]}}');
  const exec = v['exec'];
  if (exec === undefined) return;
  if (!isRecord(exec) || !Array.isArray(exec['command']) || !exec['command'].every((c) => typeof c === 'string')) {
    throw withMessage(name, 'exec.command must be an array of strings');
  }
}

function checkTomcat(v: unknown): void {
  if (!isRecord(v)) throw withMessage('TomcatConfig', 'must be a JSON object');
  const port = v['port'];
  if (port !== undefined && !(Number.isInteger(port) && (port as number) >= 1024 && (port as number) <= 65535)) {
    throw withMessage('TomcatConfig', 'port must be an integer from 1024 to 65535');
  }
  const enc = v['uriEncoding'];
  if (enc !== undefined && !URI_ENCODINGS.includes(String(enc)))
    throw withMessage('TomcatConfig', `uriEncoding must be one of ${URI_ENCODINGS.join(', ')}`);
  const threads = v['maxThreads'];
  if (threads !== undefined && !(Number.isInteger(threads) && (threads as number) > 0))
    throw withMessage('TomcatConfig', 'maxThreads must be a positive integer');
}

function checkTrigger(v: unknown): void {
  if (!isRecord(v)) throw withMessage('TriggerConfig', 'must be a JSON object');
  const type = v['type'];
  if (type === 'time') {
    const cron = v['config'];
    if (typeof cron !== 'string') throw withMessage('TriggerConfig', 'config must be a cron expression');
    const fields = cron.trim().split(/\s+/);
    if (fields.length < 5 || fields.length > 7 || !fields.every((f) => CRON_FIELD.test(f))) {
      throw withMessage('TriggerConfig', `invalid cron expression: ${cron}`);
    }
    if (v['timezone'] !== undefined && typeof v['timezone'] !== 'string')
      throw withMessage('TriggerConfig', 'timezone must be a string');
  } else if (type === 'http') {
    if (!isRecord(v['config'])) throw withMessage('TriggerConfig', 'config must be an object for type http');
  } else {
    throw withMessage('TriggerConfig', 'type must be time or http');
  }
}
