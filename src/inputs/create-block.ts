// The spec's `create` block: the settings CreateJob needs that UpdateJob cannot change (package type, instance
// size, network), used only when if-missing: create creates the template, and compared with an existing
// template otherwise (deploy/show-plan.ts). Checked before anything is sent, each problem at its line in the spec.
import type { GetInput } from '../contract/action-inputs.js';
import type { ParameterInput } from '../contract/parameters.js';
import type { CreateKey } from '../contract/spec-keys.js';
import { APP_NAME, type Identity } from './identity.js';
import { INPUT_CONFLICT, INPUT_INVALID, problem, warning, type Problem } from './problems.js';
import type { ParameterValue } from './read.js';
import type { Spec } from './spec.js';
import { parseBoolean, parseInteger } from './values.js';

/** CreateJob's own fields, by wire name, as text (docs/reference/sae-api.md §5.4). */
export interface CreateBlock {
  readonly wire: Readonly<Record<string, string>>;
}

/** Package types CreateJob documents (SDK CreateJobRequest.packageType). */
export const PACKAGE_TYPES = [
  'Image',
  'FatJar',
  'War',
  'PythonZip',
  'PhpZip',
  ...['5_4', '5_5', '5_6', '7_0', '7_1', '7_2', '7_3'].flatMap((v) => [`IMAGE_PHP_${v}`, `IMAGE_PHP_${v}_ALPINE`]),
];
/** Memory (MB) → the CPU sizes (millicores) SAE documents with it (CreateJobRequest.memory). */
const SIZES: Record<string, number[]> = {
  '1024': [500, 1000],
  '2048': [500, 1000, 2000],
  '4096': [1000, 2000, 4000],
  '8192': [2000, 4000, 8000],
  '12288': [12000],
  '16384': [4000, 8000, 16000],
  '24576': [12000],
  '32768': [16000],
  '65536': [8000, 16000, 32000],
  '131072': [32000],
};
const WIRE: Readonly<Record<CreateKey, string>> = {
  'package-type': 'PackageType',
  cpu: 'Cpu',
  memory: 'Memory',
  replicas: 'Replicas',
  'vpc-id': 'VpcId',
  'v-switch-id': 'VSwitchId',
  'security-group-id': 'SecurityGroupId',
  'auto-config': 'AutoConfig',
  'app-description': 'AppDescription',
};
const SHAPE: Partial<Record<CreateKey, RegExp>> = {
  'vpc-id': /^vpc-/,
  'v-switch-id': /^vsw-/,
  'security-group-id': /^sg-/,
};

export interface CreateContext {
  spec?: Spec;
  getInput: GetInput;
  values: ReadonlyMap<ParameterInput, ParameterValue>;
  identity?: Identity;
  /** if-missing: create: the block is needed, and so are the name and namespace. */
  creating: boolean;
}

export function readCreate(c: CreateContext): { create?: CreateBlock; problems: Problem[] } {
  const { spec } = c;
  const problems: Problem[] = [];
  const at = (line: number | undefined) => (spec && line !== undefined ? { at: { file: spec.file, line } } : {});
  const block = spec?.create ?? new Map<CreateKey, { text: string; line: number }>();
  const blockAt = at(spec?.createLine ?? (spec ? 1 : undefined));
  const add = (p: Problem, line?: number) => problems.push({ ...p, ...(line === undefined ? blockAt : at(line)) });
  /** A problem of an input: at its line in the spec when the spec holds it, else where the step has it. */
  const addFor = (p: Problem) => problems.push({ ...p, ...at(spec?.entries.get(p.input)?.line) });

  if (c.creating) {
    if (!spec) {
      add(
        problem(
          'if-missing',
          INPUT_INVALID,
          'if-missing: create creates the template from a spec file, and spec is empty. Set spec to a file with the template and its create block (see the README, "Keep the template in the repository").',
        ),
      );
      return { problems };
    }
    if (c.identity?.by === 'id')
      add(
        problem(
          'if-missing',
          INPUT_CONFLICT,
          'if-missing: create creates a template that app-name finds nowhere, but the template is named by app-id, which only an existing template has. Name it by app-name (with namespace-id).',
        ),
        spec.entries.get('app-id')?.line,
      );
    if (!spec.create.size && spec.createLine === undefined)
      add(
        problem(
          'create',
          'InvalidParameter.NotEmpty',
          `if-missing: create needs a create block in ${spec.file}: package-type, cpu, memory and replicas (and namespace-id, or auto-config: true). For example:\ncreate:\n  package-type: Image\n  cpu: 500\n  memory: 1024\n  replicas: 1`,
        ),
        1,
      );
  }
  if (!block.size && !c.creating) return { problems };

  const wire: Record<string, string> = {};
  for (const [key, { text, line }] of block) {
    const name = `create.${key}`;
    switch (key) {
      case 'package-type':
        if (!PACKAGE_TYPES.includes(text)) {
          const same = PACKAGE_TYPES.find((t) => t.toLowerCase() === text.toLowerCase());
          add(
            problem(
              'create',
              'InvalidPackageType.NotFound',
              `${name} is "${text}", which is not a package type SAE knows.${same ? ` Did you mean ${same}?` : ''} Use Image, FatJar, War or PythonZip.`,
            ),
            line,
          );
          continue;
        }
        break;
      case 'cpu':
      case 'memory':
      case 'replicas': {
        const n = parseInteger(text, 1);
        if (!n.ok) {
          add(
            problem(
              'create',
              'InvalidParameter.WithMessage',
              `${name}: ${n.reason}. Give a whole number, e.g. ${key === 'cpu' ? '500' : key === 'memory' ? '1024' : '1'}.`,
            ),
            line,
          );
          continue;
        }
        break;
      }
      case 'auto-config': {
        const b = parseBoolean(text);
        if (!b.ok) {
          add(problem('create', 'InvalidParameter.WithMessage', `${name}: ${b.reason}. Use true or false.`), line);
          continue;
        }
        break;
      }
      case 'app-description':
        if (text.length > 1024) {
          add(
            problem(
              'create',
              'InvalidParameter.WithMessage',
              `${name} is ${text.length} characters long; SAE takes at most 1024.`,
            ),
            line,
          );
          continue;
        }
        break;
      default:
        if (SHAPE[key] && !SHAPE[key].test(text))
          add(
            warning(
              'create',
              `${name} "${text}" does not look like an id of that kind (${SHAPE[key].source.slice(1)}…); it is sent as given.`,
            ),
            line,
          );
    }
    wire[WIRE[key]] = text;
  }

  // Replicas is an UpdateJob parameter too: the template's own replicas, when the spec sets it, is the one created.
  const replicas = c.values.get('replicas')?.wire;
  if (replicas !== undefined && wire.Replicas !== undefined && replicas !== wire.Replicas)
    add(
      problem(
        'create',
        INPUT_CONFLICT,
        `create.replicas is ${wire.Replicas} but replicas is ${replicas}: the template would be created with one and updated to the other. Keep one of them.`,
      ),
      block.get('replicas')?.line,
    );
  if (replicas !== undefined) wire.Replicas = replicas;

  const cpu = wire.Cpu;
  const memory = wire.Memory;
  if (cpu && memory && !SIZES[memory]?.includes(Number(cpu)))
    add(
      warning(
        'create',
        `create.cpu ${cpu} with create.memory ${memory} is not a size SAE documents (memory ${memory} MB goes with ${SIZES[memory]?.join(', ') ?? 'no'} millicores); SAE answers InvalidInstanceSpecification.Unsupported if it does not offer it.`,
      ),
      block.get('cpu')?.line,
    );

  if (c.creating) {
    const missing: CreateKey[] = (['package-type', 'cpu', 'memory'] as const).filter((k) => !wire[WIRE[k]]);
    if (!wire.Replicas) missing.push('replicas');
    if (missing.length && (spec?.create.size || spec?.createLine !== undefined))
      add(
        problem(
          'create',
          'InvalidParameter.NotEmpty',
          `The create block lacks ${missing.map((k) => `create.${k}`).join(', ')}, which CreateJob needs. For example: package-type: Image, cpu: 500, memory: 1024, replicas: 1.`,
        ),
      );
    const type = wire.PackageType;
    if (type === 'Image' && !c.values.has('image-url'))
      addFor(
        problem(
          'image-url',
          'InvalidParameter.NotEmpty',
          'create.package-type is Image, but image-url is empty: a template of images is created with its image. Set image-url (in the spec, or on the step).',
        ),
      );
    if (type && type !== 'Image' && !type.startsWith('IMAGE_') && !c.values.has('package-url'))
      addFor(
        problem(
          'package-url',
          'InvalidParameter.NotEmpty',
          `create.package-type is ${type}, but package-url is empty: a template of packages is created with its package. Set package-url.`,
        ),
      );
    if (type === 'FatJar' && !c.values.has('jdk'))
      addFor(
        problem(
          'jdk',
          'JarApplication.MissingJdk',
          'create.package-type is FatJar, which needs a JDK. Set jdk, e.g. jdk: Open JDK 8.',
        ),
      );
    if (type === 'War' && (!c.values.has('jdk') || !c.values.has('web-container')))
      addFor(
        problem(
          'jdk',
          'WarApplication.MissingJdkWebcontainer',
          'create.package-type is War, which needs jdk and web-container. Set both, e.g. jdk: Open JDK 8 and web-container: apache-tomcat-8.5.42.',
        ),
      );
    const auto = parseBoolean(wire.AutoConfig ?? '');
    if (!c.getInput('namespace-id') && !(auto.ok && auto.value))
      problems.push({
        ...problem(
          'namespace-id',
          'InvalidParameter.NotEmpty',
          'if-missing: create needs the namespace to create the template in: set namespace-id (e.g. cn-hangzhou:prod), or create.auto-config: true to let SAE set up the network.',
        ),
        ...at(spec?.entries.get('app-name')?.line),
      });
    if (c.identity?.by === 'name' && !APP_NAME.test(c.identity.appName))
      addFor(
        problem(
          'app-name',
          'InvalidParameter.WithMessage',
          `app-name "${c.identity.appName}" is not a name SAE gives a template: letters, digits and -, starting with a letter, at most 36 characters. Rename it, e.g. app-name: report-job.`,
        ),
      );
  }
  return { create: { wire }, problems };
}
