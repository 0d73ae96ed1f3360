// The single source of truth for the 47 UpdateJob parameters. Reading, validation, request building,
// action.yml and the README's input table all follow from this table (test/unit/contract/parameters.test.ts
// checks that they agree). Part of the contract room (src/contract/, no imports): the table is `as const`, so
// the names it holds are types (ParameterInput, WireName, JsonInput), and a name that is not in it fails to compile.

/** Where the official SDK (@alicloud/sae20190506 updateJobWithOptions) puts a parameter. */
export type Position = 'query' | 'body';

/**
 * How the input text becomes a wire value.
 * - string: sent as given (trimmed);
 * - integer: decimal text, optionally bounded;
 * - boolean: `true`/`false` (YAML 1.2 core schema spellings);
 * - json: JSON or YAML text, checked by a shape, sent as compact JSON.
 */
export type Kind = 'string' | 'integer' | 'boolean' | 'json';

/**
 * How DescribeJob returns a parameter, in the official SDK's model (DescribeJobResponseBodyData;
 * docs/reference/sae-api.md §5.1):
 * - text: a JSON string holding the value as sent;
 * - number / boolean: a JSON number / boolean for UpdateJob's decimal / true-false text;
 * - json-text: a JSON string holding JSON, compared by meaning (SAE may re-serialise it);
 * - objects: an array of objects with these fields and JSON types, whose keys may differ from UpdateJob's in
 *   the first letter's case; `serverAdds` are fields SAE fills in itself (not a difference when not sent);
 * - none: not in the model, so a read-back cannot tell the template's value.
 */
export type ReadBack =
  | 'text'
  | 'number'
  | 'boolean'
  | 'json-text'
  | 'none'
  | {
      readonly objects: Readonly<Record<string, 'string' | 'number' | 'boolean'>>;
      readonly serverAdds?: readonly string[];
    };

/** A row of the table, as written. */
interface ParameterRow {
  /** The workflow input, kebab-case after the wire name. */
  readonly input: string;
  /** The UpdateJob parameter name on the wire. */
  readonly wire: string;
  readonly position: Position;
  readonly kind: Kind;
  /** One line for action.yml and the README. */
  readonly description: string;
  /** A value that is right, shown in error messages. */
  readonly example: string;
  readonly required?: boolean;
  /** Masked before anything is logged and redacted in outputs and summaries. */
  readonly secret?: boolean;
  /** integer bounds (inclusive). */
  readonly min?: number;
  readonly max?: number;
  /** Values SAE accepts; anything else is rejected. */
  readonly oneOf?: readonly string[];
  /** Values SAE documents; anything else is only warned about, since SAE adds versions over time. */
  readonly documented?: readonly string[];
  /** The seed documents that an empty string removes this setting. */
  readonly clearDocumented?: boolean;
  /** How DescribeJob returns it (see ReadBack); test/unit/contract/parameters.test.ts holds it to the SDK's model. */
  readonly readBack: ReadBack;
  /**
   * Sent value → another name DescribeJob may show it under [U]: reading that name back cannot be told from
   * a different value, so it is neither unchanged nor changed.
   */
  readonly readsBackAs?: Readonly<Record<string, string>>;
  /**
   * What characters the value may hold (inputs/characters.ts). By default one line of visible text: no
   * control, bidirectional or invisible characters. 'lines': it may span lines (line breaks, tabs); every
   * structured (json) input may. 'prose': free text that a job reads, which may also hold the invisible
   * marks of written language (zero-width joiners, direction marks).
   */
  readonly text?: 'lines' | 'prose';
  /** An id of a fixed shape (inputs/formats.ts): anything else cannot be right. */
  readonly format?: 'template-id' | 'ram-role-arn';
}

const TABLE = [
  {
    input: 'app-id',
    wire: 'AppId',
    position: 'query',
    kind: 'string',
    readBack: 'text',
    required: true,
    description: 'The id of the job template to update (or find it by name with app-name).',
    example: '7171a6ca-d1cd-4928-8642-7d5cfe69aaaa',
    format: 'template-id',
  },
  {
    input: 'acr-assume-role-arn',
    wire: 'AcrAssumeRoleArn',
    position: 'query',
    kind: 'string',
    readBack: 'text',
    description: 'ARN of the RAM role used to pull images across accounts.',
    example: 'acs:ram::123456789012:role/adminrole',
    format: 'ram-role-arn',
  },
  {
    input: 'acr-instance-id',
    wire: 'AcrInstanceId',
    position: 'body',
    kind: 'string',
    readBack: 'text',
    description: 'Container Registry Enterprise Edition instance id; required when image-url is an ACR EE image.',
    example: 'cri-xxxxxx',
  },
  {
    input: 'backoff-limit',
    wire: 'BackoffLimit',
    position: 'query',
    kind: 'integer',
    readBack: 'number',
    min: 0,
    description: 'How many times a failed job is retried.',
    example: '3',
  },
  {
    input: 'best-effort-type',
    wire: 'BestEffortType',
    position: 'query',
    kind: 'string',
    readBack: 'text',
    description: 'BestEffort scheduling policy (values not documented by SAE; passed through).',
    example: 'besteffort',
  },
  {
    input: 'command',
    wire: 'Command',
    position: 'query',
    kind: 'string',
    readBack: 'text',
    description: 'Image start command; an executable that exists in the container.',
    example: 'echo',
  },
  {
    input: 'command-args',
    wire: 'CommandArgs',
    position: 'query',
    kind: 'json',
    readBack: 'json-text',
    description: 'Arguments of the start command, as a JSON array or a YAML list of strings.',
    example: '["abc", ">", "file0"]',
    text: 'prose',
  },
  {
    input: 'concurrency-policy',
    wire: 'ConcurrencyPolicy',
    position: 'query',
    kind: 'string',
    readBack: 'text',
    oneOf: ['Forbid', 'Allow', 'Replace'],
    description: 'What happens when a run is due while the previous one still runs: Forbid, Allow or Replace.',
    example: 'Forbid',
  },
  {
    input: 'config-map-mount-desc',
    wire: 'ConfigMapMountDesc',
    position: 'body',
    kind: 'json',
    readBack: {
      objects: { ConfigMapId: 'number', ConfigMapName: 'string', Key: 'string', MountPath: 'string' },
      serverAdds: ['ConfigMapName'],
    },
    description:
      'ConfigMap mounts: a list of {configMapId, key, mountPath}; key sae-sys-configmap-all mounts every key.',
    example: '[{"configMapId":16,"key":"test","mountPath":"/tmp"}]',
  },
  {
    input: 'custom-host-alias',
    wire: 'CustomHostAlias',
    position: 'query',
    kind: 'json',
    readBack: 'json-text',
    description: 'Extra /etc/hosts entries: a list of {hostName, ip}.',
    example: '[{"hostName":"samplehost","ip":"127.0.0.1"}]',
  },
  {
    input: 'edas-container-version',
    wire: 'EdasContainerVersion',
    position: 'query',
    kind: 'string',
    readBack: 'text',
    description: 'HSF runtime (Ali-Tomcat / Pandora) version.',
    example: '3.5.3',
  },
  {
    input: 'enable-image-accl',
    wire: 'EnableImageAccl',
    position: 'body',
    kind: 'boolean',
    readBack: 'none',
    description: 'Turn image acceleration on or off.',
    example: 'true',
  },
  {
    input: 'envs',
    wire: 'Envs',
    position: 'query',
    kind: 'json',
    readBack: 'json-text',
    description:
      'Environment variables: a JSON/YAML list of {name, value} (or ConfigMap references), a YAML mapping, or NAME=value lines. Replaces the whole list.',
    example: '[{"name":"LOG_LEVEL","value":"info"}]',
    text: 'prose',
  },
  {
    input: 'image-pull-secrets',
    wire: 'ImagePullSecrets',
    position: 'query',
    kind: 'string',
    readBack: 'text',
    description: 'Id of the registry secret used to pull the image.',
    example: '10',
  },
  {
    input: 'image-url',
    wire: 'ImageUrl',
    position: 'query',
    kind: 'string',
    readBack: 'text',
    description: 'Image to run (templates of package type Image).',
    example: 'registry.cn-hangzhou.aliyuncs.com/my-ns/my-job:1.2.3',
  },
  {
    input: 'jar-start-args',
    wire: 'JarStartArgs',
    position: 'query',
    kind: 'string',
    readBack: 'text',
    description: 'Arguments after the jar in `java <options> -jar <package> <args>`.',
    example: '--spring.profiles.active=prod',
  },
  {
    input: 'jar-start-options',
    wire: 'JarStartOptions',
    position: 'query',
    kind: 'string',
    readBack: 'text',
    description: 'JVM options before -jar in the default start command.',
    example: '-Xms1G -Xmx1G',
  },
  {
    input: 'jdk',
    wire: 'Jdk',
    position: 'query',
    kind: 'string',
    readBack: 'text',
    documented: [
      'Open JDK 8',
      'Open JDK 7',
      'Dragonwell 11',
      'Dragonwell 8',
      'openjdk-8u191-jdk-alpine3.9',
      'openjdk-7u201-jdk-alpine3.9',
    ],
    description: 'JDK the package runs on (not for images), e.g. Open JDK 8 or Dragonwell 11.',
    example: 'Open JDK 8',
  },
  {
    input: 'mount-desc',
    wire: 'MountDesc',
    position: 'query',
    kind: 'json',
    readBack: { objects: { MountPath: 'string', NasPath: 'string' } },
    clearDocumented: true,
    description: 'Legacy NAS mounts: a list of {mountPath, nasPath}; clear it with `clear: mount-desc`.',
    example: '[{"mountPath":"/tmp","nasPath":"/"}]',
  },
  {
    input: 'mount-host',
    wire: 'MountHost',
    position: 'query',
    kind: 'string',
    readBack: 'text',
    clearDocumented: true,
    description: "Legacy NAS mount target domain in the template's VPC.",
    example: '10d3b4bc9-xxxx.cn-hangzhou.nas.aliyuncs.com',
  },
  {
    input: 'nas-configs',
    wire: 'NasConfigs',
    position: 'query',
    kind: 'json',
    readBack: 'json-text',
    description: 'NAS mounts: a list of {nasId, mountDomain, nasPath, mountPath, readOnly}.',
    example:
      '[{"nasId":"10d3b4xxxx","mountDomain":"10d3b4bc9-xxxx.cn-hangzhou.nas.aliyuncs.com","nasPath":"/","mountPath":"/mnt/nas","readOnly":false}]',
  },
  {
    input: 'nas-id',
    wire: 'NasId',
    position: 'query',
    kind: 'string',
    readBack: 'text',
    clearDocumented: true,
    description: 'Legacy NAS file system id.',
    example: '10d3b4xxxx',
  },
  {
    input: 'oss-ak-id',
    wire: 'OssAkId',
    position: 'body',
    kind: 'string',
    readBack: 'text',
    description: 'AccessKey id used for OSS mounts.',
    example: 'LTAI5txxxxxxxx',
  },
  {
    input: 'oss-ak-secret',
    wire: 'OssAkSecret',
    position: 'body',
    kind: 'string',
    readBack: 'text',
    secret: true,
    description: 'AccessKey secret used for OSS mounts (pass a secret; it is masked).',
    example: '${{ secrets.OSS_AK_SECRET }}',
  },
  {
    input: 'oss-mount-descs',
    wire: 'OssMountDescs',
    position: 'body',
    kind: 'json',
    readBack: { objects: { bucketName: 'string', bucketPath: 'string', mountPath: 'string', readOnly: 'boolean' } },
    description:
      'OSS mounts: a list of {bucketName, bucketPath, mountPath, readOnly}; needs oss-ak-id and oss-ak-secret.',
    example: '[{"bucketName":"my-bucket","bucketPath":"data/","mountPath":"/usr/data","readOnly":true}]',
  },
  {
    input: 'package-url',
    wire: 'PackageUrl',
    position: 'query',
    kind: 'string',
    readBack: 'text',
    description: 'URL of the jar, war or zip to run (FatJar, War and PythonZip templates).',
    example: 'https://my-bucket.oss-cn-hangzhou.aliyuncs.com/jobs/report-job.jar',
  },
  {
    input: 'package-version',
    wire: 'PackageVersion',
    position: 'query',
    kind: 'string',
    readBack: 'text',
    description:
      'Version of the package; with package-url and no version, the tag being built (without a leading v) or the short commit SHA.',
    example: '1.0.1',
  },
  {
    input: 'php',
    wire: 'Php',
    position: 'body',
    kind: 'string',
    readBack: 'none',
    description: 'PHP runtime (documented ambiguously by SAE; passed through).',
    example: 'PHP-FPM 7.0',
  },
  {
    input: 'php-config',
    wire: 'PhpConfig',
    position: 'body',
    kind: 'string',
    readBack: 'text',
    description: 'Content of the PHP configuration file.',
    example: 'memory_limit=256M',
    text: 'prose',
  },
  {
    input: 'php-config-location',
    wire: 'PhpConfigLocation',
    position: 'query',
    kind: 'string',
    readBack: 'text',
    description: 'Path the PHP configuration file is mounted at.',
    example: '/usr/local/etc/php/php.ini',
  },
  {
    input: 'post-start',
    wire: 'PostStart',
    position: 'query',
    kind: 'json',
    readBack: 'json-text',
    description: 'Hook run after the container starts: {"exec":{"command":[...]}}.',
    example: '{"exec":{"command":["sh","-c","echo hello"]}}',
    text: 'prose',
  },
  {
    input: 'pre-stop',
    wire: 'PreStop',
    position: 'query',
    kind: 'json',
    readBack: 'json-text',
    description: 'Hook run before the container stops: {"exec":{"command":[...]}}.',
    example: '{"exec":{"command":["sh","-c","echo bye"]}}',
    text: 'prose',
  },
  {
    input: 'programming-language',
    wire: 'ProgrammingLanguage',
    position: 'query',
    kind: 'string',
    readBack: 'text',
    oneOf: ['java', 'php', 'python', 'shell'],
    readsBackAs: { shell: 'other' },
    description: 'Language of the job: java, php, python or shell.',
    example: 'java',
  },
  {
    input: 'python',
    wire: 'Python',
    position: 'query',
    kind: 'string',
    readBack: 'text',
    documented: ['PYTHON 3.9.15'],
    description: 'Python runtime, e.g. PYTHON 3.9.15.',
    example: 'PYTHON 3.9.15',
  },
  {
    input: 'python-modules',
    wire: 'PythonModules',
    position: 'query',
    kind: 'string',
    readBack: 'text',
    description: 'pip requirement lines, used when the package has no requirements.txt.',
    example: 'Flask==2.0',
    text: 'lines',
  },
  {
    input: 'ref-app-id',
    wire: 'RefAppId',
    position: 'query',
    kind: 'string',
    readBack: 'text',
    description: 'Id of the referenced job template.',
    example: '7171a6ca-d1cd-4928-8642-7d5cfe69bbbb',
    format: 'template-id',
  },
  {
    input: 'replicas',
    wire: 'Replicas',
    position: 'query',
    kind: 'integer',
    readBack: 'number',
    min: 1,
    description: 'Number of job instances that run concurrently.',
    example: '3',
  },
  {
    input: 'slice',
    wire: 'Slice',
    position: 'query',
    kind: 'boolean',
    readBack: 'boolean',
    description: 'Turn job sharding on or off.',
    example: 'true',
  },
  {
    input: 'slice-envs',
    wire: 'SliceEnvs',
    position: 'query',
    kind: 'json',
    readBack: 'json-text',
    description: 'Shard parameters, a JSON/YAML list such as [0,1,2]; needs slice: true.',
    example: '[0,1,2]',
  },
  {
    input: 'sls-configs',
    wire: 'SlsConfigs',
    position: 'query',
    kind: 'json',
    readBack: 'json-text',
    clearDocumented: true,
    description:
      'Log collection to SLS: a list of {logDir, logType, projectName, logstoreName, logtailName}; clear it to stop collecting.',
    example: '[{"logDir":"","logType":"stdout"},{"logDir":"/tmp/a.log"}]',
  },
  {
    input: 'termination-grace-period-seconds',
    wire: 'TerminationGracePeriodSeconds',
    position: 'query',
    kind: 'integer',
    readBack: 'number',
    min: 1,
    max: 300,
    description: 'Graceful shutdown timeout in seconds, 1 to 300 (SAE default 30).',
    example: '30',
  },
  {
    input: 'timeout',
    wire: 'Timeout',
    position: 'query',
    kind: 'integer',
    readBack: 'number',
    min: 1,
    description: "The job's own timeout in seconds (not the action's wait; see wait-timeout).",
    example: '3600',
  },
  {
    input: 'timezone',
    wire: 'Timezone',
    position: 'query',
    kind: 'string',
    readBack: 'text',
    description: 'Container time zone (IANA name; SAE default Asia/Shanghai).',
    example: 'Asia/Shanghai',
  },
  {
    input: 'tomcat-config',
    wire: 'TomcatConfig',
    position: 'query',
    kind: 'json',
    readBack: 'json-text',
    clearDocumented: true,
    description:
      'Tomcat settings: {port, contextPath, maxThreads, uriEncoding, useBodyEncodingForUri}; `{}` or clear deletes them.',
    example: '{"port":8080,"contextPath":"/","maxThreads":400,"uriEncoding":"UTF-8","useBodyEncodingForUri":true}',
  },
  {
    input: 'trigger-config',
    wire: 'TriggerConfig',
    position: 'query',
    kind: 'json',
    readBack: 'json-text',
    description:
      'How runs are triggered: {"type":"time","config":"<cron>","timezone":"GMT+8:00"} or {"type":"http","config":{...}}.',
    example: '{"type":"time","config":"0 1 */1 * ?","timezone":"GMT+8:00"}',
  },
  {
    input: 'war-start-options',
    wire: 'WarStartOptions',
    position: 'query',
    kind: 'string',
    readBack: 'text',
    description: 'Start command for WAR packages.',
    example: 'CATALINA_OPTS="$CATALINA_OPTS $Options" catalina.sh run',
  },
  {
    input: 'web-container',
    wire: 'WebContainer',
    position: 'query',
    kind: 'string',
    readBack: 'text',
    documented: ['apache-tomcat-7.0.91', 'apache-tomcat-8.5.42'],
    description: 'Tomcat version for WAR packages (not for images).',
    example: 'apache-tomcat-8.5.42',
  },
] as const satisfies readonly ParameterRow[];

type Row = (typeof TABLE)[number];
/** The input of an UpdateJob parameter, e.g. 'image-url'. */
export type ParameterInput = Row['input'];
/** An UpdateJob parameter's name on the wire, e.g. 'ImageUrl'. */
export type WireName = Row['wire'];
/** The inputs of the structured parameters (kind json): JSON or YAML, each with its shape (inputs/shapes.ts). */
export type JsonInput = Extract<Row, { kind: 'json' }>['input'];

/** A parameter, its names typed; `kind` tells a structured one (its input a JsonInput) from the rest. */
export type Parameter = ParameterRow & { readonly wire: WireName } & (
    | { readonly kind: 'json'; readonly input: JsonInput }
    | { readonly kind: Exclude<Kind, 'json'>; readonly input: Exclude<ParameterInput, JsonInput> }
  );

export const PARAMETERS: readonly Parameter[] = TABLE;

export const PARAMETER_BY_INPUT: ReadonlyMap<string, Parameter> = new Map(PARAMETERS.map((p) => [p.input, p]));
export const PARAMETER_BY_WIRE: ReadonlyMap<string, Parameter> = new Map(PARAMETERS.map((p) => [p.wire, p]));

/** The parameter of an input known to be one (a name the table does not hold fails to compile). */
export const parameter = (input: ParameterInput): Parameter => PARAMETER_BY_INPUT.get(input)!;

export const isParameterInput = (name: string): name is ParameterInput => PARAMETER_BY_INPUT.has(name);
export const isJsonInput = (name: string): name is JsonInput => PARAMETER_BY_INPUT.get(name)?.kind === 'json';
