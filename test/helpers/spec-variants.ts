// Seeded variants of one template's parameters, each written two ways: as the step's inputs (text) and as a spec
// file (YAML in the forms people write: plain, quoted, block scalars, nested blocks, flow JSON, JSON in a string).
// Both ways must make the same request, byte for byte.
import { mulberry32 } from './random.js';

/** Values SAE (and the emulator, with its default ConfigMap 16, SLS projects and ACR instance) accepts. */
const SCALARS: Record<string, string[]> = {
  'acr-assume-role-arn': ['acs:ram::123456789012:role/adminrole'],
  'acr-instance-id': ['cri-xxxxxx'],
  'backoff-limit': ['0', '3', '007'],
  'best-effort-type': ['besteffort'],
  command: ['sh', 'python3', '/bin/echo'],
  'concurrency-policy': ['Forbid', 'Allow', 'Replace'],
  'edas-container-version': ['3.5.3'],
  'enable-image-accl': ['true', 'false', 'True'],
  'image-pull-secrets': ['10', '0042'],
  'jar-start-args': ['--mode=daily', '--a b --c'],
  'jar-start-options': ['-Xms1G -Xmx1G'],
  'mount-host': ['10d3b4bc9-xxxx.cn-hangzhou.nas.aliyuncs.com'],
  'nas-id': ['10d3b4xxxx'],
  'oss-ak-id': ['LTAI5tOssKeyId'],
  'oss-ak-secret': ['oss-secret-spec-variant'],
  php: ['PHP-FPM 7.0'],
  'php-config': ['memory_limit=256M', 'memory_limit=256M\nmax_execution_time=30'],
  'php-config-location': ['/usr/local/etc/php/php.ini'],
  'programming-language': ['java', 'python', 'shell'],
  python: ['PYTHON 3.9.15'],
  'python-modules': ['Flask==2.0', 'Flask==2.0\nrequests>=2'],
  'ref-app-id': ['7171a6ca-d1cd-4928-8642-7d5cfe69bbbb'],
  replicas: ['1', '3', '+2'],
  slice: ['true', 'false'],
  'termination-grace-period-seconds': ['30', '1', '300'],
  timeout: ['3600', '60'],
  timezone: ['Asia/Shanghai', 'UTC'],
  'war-start-options': ['CATALINA_OPTS="$CATALINA_OPTS -Dx=1" catalina.sh run'],
};

/** Structured values as an input would hold them: JSON, or a YAML block. */
const STRUCTURED: Record<string, string[]> = {
  'command-args': ['["-c","echo hello"]', '- -c\n- echo 1.10', '- 007\n- "yes"\n- true'],
  'config-map-mount-desc': ['[{"configMapId":16,"key":"test","mountPath":"/etc/conf"}]'],
  'custom-host-alias': ['[{"hostName":"db.internal","ip":"10.0.0.12"}]', '- hostName: a.b\n  ip: "::1"'],
  envs: [
    'LOG_LEVEL: info\nPORT: 8080\nRATIO: 1.10\nFLAG: yes',
    '[{"name":"A","value":"1"},{"name":"B","value":"x y"}]',
    '- name: ZIP\n  value: 007\n- name: sae-sys-configmap-all-app\n  valueFrom: configMapRef\n  configMapId: 16',
    'GREETING: "你好 a+b&c=d %20 *(\'!)~"\nHASH: "#not a comment"',
  ],
  'mount-desc': ['[{mountPath: "/mnt/legacy", nasPath: "/"}]', '- mountPath: /mnt/legacy\n  nasPath: /'],
  'nas-configs': [
    '[{"nasId":"10d3b4xxxx","mountDomain":"10d3b4bc9-xxxx.cn-hangzhou.nas.aliyuncs.com","nasPath":"/","mountPath":"/mnt/nas","readOnly":false}]',
  ],
  'oss-mount-descs': ['[{"bucketName":"my-bucket","bucketPath":"data/","mountPath":"/usr/data","readOnly":true}]'],
  'post-start': ['{"exec":{"command":["sh","-c","echo started"]}}', 'exec:\n  command: [sh, -c, echo hi]'],
  'pre-stop': ['exec:\n  command:\n    - sh\n    - -c\n    - echo bye'],
  'slice-envs': ['[0,1,2]', '- 1.50\n- a'],
  'sls-configs': [
    '[{"logDir":"","logType":"stdout"}]',
    '- logDir: /var/log/job.log\n  projectName: test\n  logstoreName: sae',
  ],
  'tomcat-config': ['{"port":8080,"contextPath":"/","maxThreads":400}'],
  'trigger-config': [
    '{"type":"time","config":"0 1 */1 * ?","timezone":"GMT+8:00"}',
    'type: time\nconfig: "0 1 */1 * ?"\ntimezone: GMT+8:00',
  ],
};

export interface Variant {
  seed: number;
  /** Input name → the text the step's input holds. */
  inputs: Record<string, string>;
  /** The same values as a spec file. */
  yaml: string;
}

const PLAIN = /^[A-Za-z0-9_./=][A-Za-z0-9 _./=+,-]*$/;
const SPECIAL = /^(null|Null|NULL|~|true|True|TRUE|false|False|FALSE|[-+]?[0-9].*|\.inf|\.nan)$/;

/** One scalar written as YAML that reads back as exactly `text` (numbers and booleans as their source). */
function scalarYaml(key: string, text: string, pick: (n: number) => number): string {
  const forms: string[] = [JSON.stringify(text)];
  // A single-quoted scalar folds its line breaks into spaces: only for one line.
  if (!text.includes('\n')) forms.push(`'${text.replace(/'/g, "''")}'`);
  // Plain: a number or boolean is read as its source text, a string as itself.
  if (PLAIN.test(text) && !/\s$/.test(text) && (!SPECIAL.test(text) || /^([+]?\d+|true|false|True)$/.test(text)))
    forms.push(text);
  if (text.includes('\n')) forms.push(`|\n${text.replace(/^/gm, '  ')}`);
  return `${key}: ${forms[pick(forms.length)]}`;
}

/** A structured value as YAML under its key: a nested block, flow on the key's line, or the text in a string. */
function structuredYaml(key: string, text: string, pick: (n: number) => number): string {
  const forms = [`${key}:\n${text.replace(/^/gm, '  ')}`, `${key}: ${JSON.stringify(text)}`];
  if (!text.includes('\n')) forms.push(`${key}: ${text}`);
  return forms[pick(forms.length)]!;
}

export function variant(seed: number, o: { appId: string; kind?: 'image' | 'package' }): Variant {
  const random = mulberry32(seed);
  const pick = (n: number) => Math.floor(random() * n);
  const kind = o.kind ?? (random() < 0.5 ? 'image' : 'package');
  const inputs: Record<string, string> = { 'app-id': o.appId };
  if (kind === 'image') inputs['image-url'] = 'registry.cn-hangzhou.aliyuncs.com/ns/job:1.10';
  else {
    inputs['package-url'] = 'https://my-bucket.oss-cn-hangzhou.aliyuncs.com/jobs/report-job.jar';
    inputs['package-version'] = ['1.4.2', '1.10', '007'][pick(3)]!;
    inputs['jdk'] = 'Open JDK 8';
  }
  for (const [name, values] of [...Object.entries(SCALARS), ...Object.entries(STRUCTURED)]) {
    if (random() < 0.45) inputs[name] = values[pick(values.length)]!;
  }
  // What one parameter needs of another (src/inputs/rules.ts): sharding for shard parameters, the AccessKey pair for OSS.
  if (inputs['slice-envs']) inputs['slice'] = 'true';
  if (inputs['oss-mount-descs'] || inputs['oss-ak-id'] || inputs['oss-ak-secret']) {
    inputs['oss-ak-id'] = SCALARS['oss-ak-id']![0]!;
    inputs['oss-ak-secret'] = SCALARS['oss-ak-secret']![0]!;
  }
  const lines = [`# seed ${seed}`];
  for (const [name, text] of Object.entries(inputs)) {
    lines.push(name in STRUCTURED ? structuredYaml(name, text, pick) : scalarYaml(name, text, pick));
  }
  return { seed, inputs, yaml: lines.join('\n') + '\n' };
}
