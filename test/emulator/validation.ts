// UpdateJob validation "like SAE": first error wins, nothing is stored unless everything passes.
// Rules from the seed; where the seed names no code, InvalidParameter.Obviously / .WithMessage is used.
import { notEmpty, obviously, saeError, withMessage } from './errors.js';
import { BOOLEAN_PARAMS, INTEGER_PARAMS, JDKS, JSON_PARAMS, WEB_CONTAINERS } from './params.js';
import type { AppState, PackageType } from './types.js';
import { checkJsonShape } from './validation-json.js';
import { checkSls, checkVolumeConflicts } from './validation-sls.js';

export interface ValidationEnv {
  configMaps: Record<string, string[]>;
  slsProjects: Record<string, string[]>;
  acrInstances: string[];
}

const ENUMS: Record<string, string[]> = {
  ConcurrencyPolicy: ['Forbid', 'Allow', 'Replace'],
  ProgrammingLanguage: ['java', 'php', 'python', 'shell'],
};

const PACKAGE_EXT: Record<Exclude<PackageType, 'Image'>, string> = { FatJar: '.jar', War: '.war', PythonZip: '.zip' };

/** Returns the template's settings after the update (wire name → text; "" removes a setting). */
export function validateUpdateJob(
  app: AppState,
  params: Record<string, string>,
  env: ValidationEnv,
): Record<string, string> {
  const given = (name: string): string | undefined => (params[name] ? params[name] : undefined);

  for (const name of BOOLEAN_PARAMS) {
    const v = given(name);
    if (v !== undefined && v !== 'true' && v !== 'false') throw obviously(name);
  }
  for (const name of INTEGER_PARAMS) {
    const v = given(name);
    if (v !== undefined && !/^\d+$/.test(v)) throw obviously(name);
  }
  const grace = given('TerminationGracePeriodSeconds');
  if (grace !== undefined && (Number(grace) < 1 || Number(grace) > 300)) {
    throw withMessage('TerminationGracePeriodSeconds', 'must be between 1 and 300');
  }
  for (const [name, allowed] of Object.entries(ENUMS)) {
    const v = given(name);
    if (v !== undefined && !allowed.includes(v)) throw withMessage(name, `must be one of ${allowed.join(', ')}`);
  }

  const parsed = new Map<string, unknown>();
  for (const name of JSON_PARAMS) {
    const v = given(name);
    if (v === undefined) continue;
    try {
      parsed.set(name, JSON.parse(v));
    } catch (e) {
      throw withMessage(name, `not valid JSON (${(e as Error).message})`);
    }
  }

  checkPackageFields(app.packageType, given);
  checkAcr(given('AcrInstanceId'), env);
  for (const [name, v] of parsed) {
    if (name === 'SlsConfigs') checkSls(v, env.slsProjects);
    else checkJsonShape(name, v, env);
  }

  const settings = { ...app.settings };
  for (const [name, v] of Object.entries(params)) {
    if (name === 'AppId') continue;
    if (v === '' || (name === 'TomcatConfig' && v.trim() === '{}')) delete settings[name];
    else settings[name] = v;
  }
  checkAfterUpdate(app.packageType, settings);
  return settings;
}

function checkPackageFields(type: PackageType, given: (name: string) => string | undefined): void {
  if (type === 'Image') {
    for (const name of ['Jdk', 'WebContainer'])
      if (given(name)) throw withMessage(name, 'not supported when the package type is Image');
    for (const name of ['PackageUrl', 'PackageVersion'])
      if (given(name)) throw withMessage(name, 'only for FatJar, War or PythonZip job templates');
  } else if (given('ImageUrl')) {
    throw withMessage('ImageUrl', 'only for Image job templates');
  }
  const jdk = given('Jdk');
  if (jdk !== undefined && !JDKS.includes(jdk)) throw saeError('InvalidComponent.NotFound');
  const tomcat = given('WebContainer');
  if (tomcat !== undefined && !WEB_CONTAINERS.includes(tomcat)) throw saeError('InvalidComponent.NotFound');
  const image = given('ImageUrl');
  if (image !== undefined && /\s/.test(image)) throw obviously('ImageUrl');

  const url = given('PackageUrl');
  if (url !== undefined && type !== 'Image') checkPackageUrl(url, PACKAGE_EXT[type]);
  const version = given('PackageVersion');
  if (version !== undefined && version.length > 128) throw saeError('Package.Version.Too.Long');
}

/** The seed allows letters, digits, `-` and `_`; dots are allowed too, or no versioned file name (app-1.2.0.jar) would pass [U]. */
function checkPackageUrl(url: string, ext: string): void {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw obviously('PackageUrl');
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw obviously('PackageUrl');
  const file = decodeURIComponent(parsed.pathname.split('/').pop() ?? '');
  const stem = file.slice(0, -ext.length);
  if (!file.toLowerCase().endsWith(ext) || !/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(stem))
    throw saeError('InvalidParameter.FileName');
}

function checkAcr(id: string | undefined, env: ValidationEnv): void {
  if (id !== undefined && !env.acrInstances.includes(id)) throw saeError('InvalidAcrInstanceId.NotFound');
}

/** Rules about what the template must hold once the update is applied. */
function checkAfterUpdate(type: PackageType, s: Record<string, string>): void {
  if (type === 'Image') {
    if (!s['ImageUrl']) throw notEmpty('ImageUrl');
  } else {
    if (!s['PackageUrl']) throw notEmpty('PackageUrl');
    if (!s['PackageVersion']) throw notEmpty('PackageVersion');
  }
  if (type === 'FatJar' && !s['Jdk']) throw saeError('JarApplication.MissingJdk');
  if (type === 'War' && (!s['Jdk'] || !s['WebContainer'])) throw saeError('WarApplication.MissingJdkWebcontainer');
  if (s['OssMountDescs'] && s['OssMountDescs'] !== '[]') {
    if (!s['OssAkId']) throw notEmpty('OssAkId');
    if (!s['OssAkSecret']) throw notEmpty('OssAkSecret');
  }
  checkVolumeConflicts(s);
}
