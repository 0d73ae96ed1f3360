// SlsConfigs rules (seed) and the log-directory vs storage-mount conflict (VolumnPath.Conflict).
import { saeError, withMessage } from './errors.js';
import { isRecord } from './util.js';

const str = (v: unknown): string => (typeof v === 'string' ? v : '');

export function checkSls(v: unknown, slsProjects: Record<string, string[]>): void {
  if (!Array.isArray(v) || !v.every(isRecord)) throw withMessage('SlsConfigs', 'must be a JSON array of objects');
  if (v.filter((e) => e['logType'] === 'stdout').length > 1)
    throw withMessage('SlsConfigs', 'only one stdout entry is allowed');
  for (const e of v) {
    if (e['logType'] !== 'stdout' && !str(e['logDir']).startsWith('/')) throw saeError('LogService.LogDirInvalid');
  }
  for (const e of v) {
    if (str(e['projectName']).startsWith('sae-')) throw saeError('Sls.Project.Name.Invalid');
    if (str(e['logstoreName']).startsWith('sae-')) throw saeError('Sls.Logstore.Name.Invalid');
  }
  for (const e of v) {
    const project = str(e['projectName']);
    const logstore = str(e['logstoreName']);
    if (project && !logstore) throw saeError('Sls.Config.User.Defined.Missing.Logstore.Info');
    if (!project && logstore) throw saeError('Sls.Config.User.Defined.Missing.Project.Info');
  }
  const projects = new Set(v.map((e) => str(e['projectName'])).filter(Boolean));
  if (projects.size > 1) throw saeError('Sls.Config.Mixed.Multi.Project');
  for (const e of v) {
    const project = str(e['projectName']);
    if (!project) continue;
    const logstores = slsProjects[project];
    if (!logstores) throw saeError('Sls.Project.User.Defined.Not.Exist');
    if (!logstores.includes(str(e['logstoreName']))) throw saeError('Sls.Logstore.User.Defined.Not.Exist');
  }
}

function parseArray(text: string | undefined): Record<string, unknown>[] {
  if (!text) return [];
  try {
    const v: unknown = JSON.parse(text);
    return Array.isArray(v) ? v.filter(isRecord) : [];
  } catch {
    return []; // settings seeded by hand may hold the seed's non-JSON MountDesc example
  }
}

const inside = (dir: string, mount: string): boolean => {
  const m = mount.replace(/\/+$/, '');
  return m === '' || dir === m || dir.startsWith(`${m}/`);
};

/** A file log directory may not lie inside a NAS or OSS mount path; evaluated on the settings after the update. */
export function checkVolumeConflicts(settings: Record<string, string>): void {
  const logDirs = parseArray(settings['SlsConfigs'])
    .filter((e) => e['logType'] !== 'stdout')
    .map((e) => str(e['logDir']))
    .filter(Boolean);
  const mounts = ['MountDesc', 'NasConfigs', 'OssMountDescs'].flatMap((k) =>
    parseArray(settings[k])
      .map((e) => str(e['mountPath']))
      .filter(Boolean),
  );
  if (logDirs.some((dir) => mounts.some((m) => inside(dir, m)))) throw saeError('VolumnPath.Conflict');
}
