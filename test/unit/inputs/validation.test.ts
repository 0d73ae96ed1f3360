// A table of good and bad inputs: each bad one must be caught before anything is sent, naming its input
// and carrying SAE's code where SAE documents the rule.
import { describe, expect, it } from 'vitest';
import { readParameters } from '../../../src/inputs/read.js';
import { checkRules } from '../../../src/inputs/rules.js';
import { readSettings } from '../../../src/inputs/settings.js';

const APP = '7171a6ca-d1cd-4928-8642-7d5cfe69aaaa';

async function problemsOf(values: Record<string, string>, context = {}) {
  const get = (name: string) => ({ 'app-id': APP, ...values })[name] ?? '';
  const read = await readParameters(get);
  const rules = checkRules(read.values, context);
  return { all: [...read.problems, ...rules.problems], read, rules };
}

type Bad = [string, Record<string, string>, string, string];

const BAD: Bad[] = [
  // [what, inputs, expected code, expected input]
  [
    'grace period above 300',
    { 'termination-grace-period-seconds': '301' },
    'InvalidParameter.WithMessage',
    'termination-grace-period-seconds',
  ],
  [
    'grace period 0',
    { 'termination-grace-period-seconds': '0' },
    'InvalidParameter.WithMessage',
    'termination-grace-period-seconds',
  ],
  ['integer with text', { replicas: 'three' }, 'InvalidParameter.WithMessage', 'replicas'],
  ['boolean yes', { slice: 'yes' }, 'InvalidParameter.WithMessage', 'slice'],
  [
    'concurrency policy lower case',
    { 'concurrency-policy': 'forbid' },
    'InvalidParameter.WithMessage',
    'concurrency-policy',
  ],
  ['unknown language', { 'programming-language': 'go' }, 'InvalidParameter.WithMessage', 'programming-language'],
  [
    'tomcat uriEncoding',
    { 'tomcat-config': '{"uriEncoding":"UTF-16"}' },
    'InvalidParameter.WithMessage',
    'tomcat-config',
  ],
  ['tomcat port below 1024', { 'tomcat-config': '{"port":80}' }, 'InvalidParameter.WithMessage', 'tomcat-config'],
  [
    'image and package',
    { 'image-url': 'r.example.com/a/b:1', 'package-url': 'https://b.example.com/a.jar', 'package-version': '1' },
    'Input.Conflict',
    'package-url',
  ],
  ['jdk with image', { 'image-url': 'r.example.com/a/b:1', jdk: 'Open JDK 8' }, 'InvalidParameter.WithMessage', 'jdk'],
  [
    'web-container with image',
    { 'image-url': 'r.example.com/a/b:1', 'web-container': 'apache-tomcat-8.5.42' },
    'InvalidParameter.WithMessage',
    'web-container',
  ],
  ['image with a scheme', { 'image-url': 'https://r.example.com/a/b:1' }, 'InvalidParameter.WithMessage', 'image-url'],
  ['version without package', { 'package-version': '1.0' }, 'InvalidParameter.NotEmpty', 'package-version'],
  [
    'package name with spaces',
    { 'package-url': 'https://b.example.com/my%20job.jar', 'package-version': '1' },
    'InvalidParameter.FileName',
    'package-url',
  ],
  [
    'package URL not http',
    { 'package-url': 'ftp://b.example.com/a.jar', 'package-version': '1' },
    'InvalidParameter.WithMessage',
    'package-url',
  ],
  [
    'OSS mounts without keys',
    { 'oss-mount-descs': '[{"bucketName":"b","bucketPath":"d/","mountPath":"/data","readOnly":true}]' },
    'InvalidParameter.NotEmpty',
    'oss-mount-descs',
  ],
  ['OSS key id without secret', { 'oss-ak-id': 'id' }, 'InvalidParameter.NotEmpty', 'oss-ak-secret'],
  ['slice-envs without slice', { 'slice-envs': '[0,1]' }, 'InvalidParameter.WithMessage', 'slice-envs'],
  [
    'two stdout SLS entries',
    { 'sls-configs': '[{"logDir":"","logType":"stdout"},{"logDir":"","logType":"stdout"}]' },
    'InvalidParameter.WithMessage',
    'sls-configs',
  ],
  [
    'SLS project sae- prefix',
    { 'sls-configs': '[{"projectName":"sae-p","logstoreName":"s","logDir":"/tmp/a.log"}]' },
    'Sls.Project.Name.Invalid',
    'sls-configs',
  ],
  [
    'SLS logstore sae- prefix',
    { 'sls-configs': '[{"projectName":"p","logstoreName":"sae-s","logDir":"/tmp/a.log"}]' },
    'Sls.Logstore.Name.Invalid',
    'sls-configs',
  ],
  [
    'SLS project without logstore',
    { 'sls-configs': '[{"projectName":"p","logDir":"/tmp/a.log"}]' },
    'Sls.Config.User.Defined.Missing.Logstore.Info',
    'sls-configs',
  ],
  [
    'SLS logstore without project',
    { 'sls-configs': '[{"logstoreName":"s","logDir":"/tmp/a.log"}]' },
    'Sls.Config.User.Defined.Missing.Project.Info',
    'sls-configs',
  ],
  [
    'SLS two projects',
    {
      'sls-configs':
        '[{"projectName":"p","logstoreName":"s","logDir":"/a.log"},{"projectName":"q","logstoreName":"s","logDir":"/b.log"}]',
    },
    'Sls.Config.Mixed.Multi.Project',
    'sls-configs',
  ],
  ['SLS relative file path', { 'sls-configs': '[{"logDir":"logs/a.log"}]' }, 'LogService.LogDirInvalid', 'sls-configs'],
  [
    'log dir inside a NAS mount',
    {
      'sls-configs': '[{"logDir":"/mnt/nas/app.log"}]',
      'nas-configs': '[{"nasId":"n","mountDomain":"d","nasPath":"/","mountPath":"/mnt/nas"}]',
    },
    'VolumnPath.Conflict',
    'sls-configs',
  ],
  [
    'host alias bad IP',
    { 'custom-host-alias': '[{"hostName":"db","ip":"300.1.1.1"}]' },
    'InvalidHostnameIp.Invalid',
    'custom-host-alias',
  ],
  [
    'host alias bad host',
    { 'custom-host-alias': '[{"hostName":"bad host","ip":"10.0.0.1"}]' },
    'InvalidHostnameIp.Invalid',
    'custom-host-alias',
  ],
  [
    'two ConfigMaps on one path',
    {
      'config-map-mount-desc':
        '[{"configMapId":1,"key":"a","mountPath":"/etc/a"},{"configMapId":2,"key":"b","mountPath":"/etc/a"}]',
    },
    'MountConflict.ConfigMap',
    'config-map-mount-desc',
  ],
  [
    'ConfigMap where storage mounts',
    {
      'config-map-mount-desc': '[{"configMapId":1,"key":"a","mountPath":"/data"}]',
      'oss-mount-descs': '[{"bucketName":"b","bucketPath":"d","mountPath":"/data","readOnly":true}]',
      'oss-ak-id': 'i',
      'oss-ak-secret': 's',
    },
    'MountConflict.ConfigMap',
    'config-map-mount-desc',
  ],
  [
    'cron with 3 fields',
    { 'trigger-config': '{"type":"time","config":"0 1 *"}' },
    'InvalidParameter.WithMessage',
    'trigger-config',
  ],
  [
    'cron with odd characters',
    { 'trigger-config': '{"type":"time","config":"0 1 * * ? ;rm"}' },
    'InvalidParameter.WithMessage',
    'trigger-config',
  ],
  [
    'trigger type',
    { 'trigger-config': '{"type":"cron","config":"0 1 * * ?"}' },
    'InvalidParameter.WithMessage',
    'trigger-config',
  ],
  ['envs not readable', { envs: '{not json: [' }, 'InvalidParameter.WithMessage', 'envs'],
  ['envs entry without value', { envs: '[{"name":"A"}]' }, 'InvalidParameter.WithMessage', 'envs'],
  ['envs bad name', { envs: '[{"name":"1A","value":"x"}]' }, 'InvalidParameter.WithMessage', 'envs'],
  ['command-args not a list', { 'command-args': '{"a":1}' }, 'InvalidParameter.WithMessage', 'command-args'],
  ['post-start shape', { 'post-start': '{"exec":{"command":[]}}' }, 'InvalidParameter.WithMessage', 'post-start'],
  [
    'mount-desc relative path',
    { 'mount-desc': '[{mountPath: "tmp", nasPath: "/"}]' },
    'InvalidParameter.WithMessage',
    'mount-desc',
  ],
  [
    'role ARN',
    { 'acr-assume-role-arn': 'arn:aws:iam::1:role/x' },
    'InvalidParameter.WithMessage',
    'acr-assume-role-arn',
  ],
  ['clear an unknown input', { clear: 'nas-idd' }, 'Input.Invalid', 'clear'],
  ['clear app-id', { clear: 'app-id' }, 'Input.Invalid', 'clear'],
  ['set and cleared', { 'nas-id': 'n', clear: 'nas-id' }, 'Input.Conflict', 'nas-id'],
];

describe('bad inputs', () => {
  it.each(BAD)('%s', async (_what, inputs, code, input) => {
    const { all } = await problemsOf(inputs);
    const errors = all.filter((p) => p.severity === 'error');
    expect(errors.map((p) => [p.code, p.input])).toContainEqual([code, input]);
    const p = errors.find((x) => x.code === code && x.input === input)!;
    expect(p.message).toMatch(new RegExp(input.replace(/-/g, '.'), 'i'));
  });

  it("an empty app-id is the server's InvalidParameter.NotEmpty", async () => {
    const read = await readParameters(() => '');
    expect(read.problems.map((p) => [p.code, p.input])).toEqual([['InvalidParameter.NotEmpty', 'app-id']]);
  });
});

const GOOD: Array<[string, Record<string, string>]> = [
  [
    "the seed's examples",
    {
      'image-url': 'registry.cn-hangzhou.aliyuncs.com/sae_test/ali_sae_test:0.0.1',
      command: 'echo',
      'command-args': '["abc",">","file0"]',
      envs: '[{"name":"envtmp","value":"0"}]',
      'custom-host-alias': '[{"hostName":"samplehost","ip":"127.0.0.1"}]',
      'sls-configs': '[{"logDir":"","logType":"stdout"},{"logDir":"/tmp/a.log"}]',
      timezone: 'Asia/Shanghai',
      'mount-desc': '[{mountPath: "/mnt/nas", nasPath: "/"}]',
      'nas-id': '10d3b4xxxx',
      'mount-host': '10d3b4bc9.com',
      'post-start': '{"exec":{"command":["sh","-c","echo hello"]}}',
      'pre-stop': '{"exec":{"command":["sh","-c","echo hello"]}}',
      'config-map-mount-desc': '[{"configMapId":16,"key":"test","mountPath":"/etc/conf"}]',
      'termination-grace-period-seconds': '10',
      'tomcat-config':
        '{"port":8080,"contextPath":"/","maxThreads":400,"uriEncoding":"ISO-8859-1","useBodyEncodingForUri":true}',
      'oss-mount-descs':
        '[{"bucketName": "oss-bucket", "bucketPath": "data/user.data", "mountPath": "/usr/data/user.data", "readOnly": true}]',
      'oss-ak-id': 'xxxxxx',
      'oss-ak-secret': 'xxxxxx',
      'acr-assume-role-arn': 'acs:ram::123456789012:role/adminrole',
      'trigger-config': '{"type":"time","config":"0 1 */1 * ?","timezone":"GMT+8:00"}',
      'concurrency-policy': 'Allow',
      timeout: '3600',
      'backoff-limit': '3',
      slice: 'true',
      'slice-envs': '[0,1,2]',
      replicas: '3',
      'programming-language': 'java',
    },
  ],
  [
    'custom SLS project',
    {
      'sls-configs':
        '[{"projectName":"test-sls","logType":"stdout","logDir":"","logstoreName":"sae","logtailName":""},{"projectName":"test-sls","logDir":"/tmp/a.log","logstoreName":"sae","logtailName":""}]',
    },
  ],
  [
    'http trigger',
    {
      'trigger-config':
        '{"type":"http","config":{"type":"HTTPS","method":["GET"],"ip":[],"referer":[],"securityConfig":"none"}}',
    },
  ],
  ['YAML block for sls-configs', { 'sls-configs': '- logDir: ""\n  logType: stdout\n- logDir: /tmp/a.log\n' }],
  ['envs as NAME=value lines', { envs: 'A=1\n# comment\nB=x=y\n' }],
  ['envs as a YAML mapping', { envs: 'A: 1\nB: "two"' }],
  ['command-args as a YAML list', { 'command-args': '- -c\n- echo 1' }],
  [
    'package with its version',
    { 'package-url': 'https://b.example.com/jobs/report-job-1.2.0.jar', 'package-version': '1.2.0', jdk: 'Open JDK 8' },
  ],
];

describe('good inputs', () => {
  it.each(GOOD)('%s', async (_what, inputs) => {
    const { all } = await problemsOf(inputs);
    expect(all.filter((p) => p.severity === 'error')).toEqual([]);
  });

  it('envs forms all become [{name, value}]', async () => {
    for (const envs of [
      'A=1\nB=two',
      'A: 1\nB: two',
      '[{"name":"A","value":"1"},{"name":"B","value":"two"}]',
      '- name: A\n  value: 1\n- name: B\n  value: two',
    ]) {
      const { read } = await problemsOf({ envs });
      expect(read.values.get('envs')!.wire, envs).toBe('[{"name":"A","value":"1"},{"name":"B","value":"two"}]');
    }
  });

  it('warns (does not reject) a JDK or Tomcat SAE may have added since', async () => {
    const { all } = await problemsOf({
      'package-url': 'https://b.example.com/a.war',
      'package-version': '1',
      jdk: 'Dragonwell 17',
      'web-container': 'apache-tomcat-9.0.1',
    });
    expect(all.filter((p) => p.severity === 'error')).toEqual([]);
    expect(all.filter((p) => p.severity === 'warning').map((p) => p.input)).toEqual(['jdk', 'web-container']);
  });

  it('warns on unknown keys in structured inputs', async () => {
    const { all } = await problemsOf({ 'custom-host-alias': '[{"hostName":"a","ip":"10.0.0.1","hostname":"b"}]' });
    expect(all).toEqual([expect.objectContaining({ severity: 'warning', input: 'custom-host-alias' })]);
  });
});

describe('package-version default', () => {
  it('takes the tag without a leading v, else the short SHA', async () => {
    const url = { 'package-url': 'https://b.example.com/a.jar' };
    const tag = await problemsOf(url, { ref: 'refs/tags/v2.3.4', sha: 'abcdef1234567' });
    expect(tag.rules.defaults.map((d) => d.wire)).toEqual(['2.3.4']);
    const branch = await problemsOf(url, { ref: 'refs/heads/main', sha: 'abcdef1234567' });
    expect(branch.rules.defaults.map((d) => d.wire)).toEqual(['abcdef1']);
    const none = await problemsOf(url, {});
    expect(none.all.map((p) => p.code)).toContain('InvalidParameter.NotEmpty');
  });
});

describe('settings', () => {
  const read = (values: Record<string, string>, env = {}) => readSettings((n) => values[n] ?? '', env);

  it('derives the endpoint from the region (input or env)', () => {
    expect(read({ region: 'cn-beijing' }).settings.endpoint).toBe('https://sae.cn-beijing.aliyuncs.com');
    expect(read({}, { ALIBABA_CLOUD_REGION_ID: 'ap-southeast-1' }).settings.endpoint).toBe(
      'https://sae.ap-southeast-1.aliyuncs.com',
    );
  });

  it('allows plain http only to loopback and strips a trailing slash', () => {
    for (const ok of ['http://127.0.0.1:8787/', 'http://localhost:1', 'http://[::1]:9', 'https://sae.example.com']) {
      expect(read({ endpoint: ok }).problems, ok).toEqual([]);
    }
    expect(read({ endpoint: 'http://127.0.0.1:8787/' }).settings.endpoint).toBe('http://127.0.0.1:8787');
    for (const bad of [
      'http://sae.cn-hangzhou.aliyuncs.com',
      'http://10.0.0.1:80',
      'http://127.example.com',
      'ftp://x',
      'https://x/path',
    ]) {
      expect(
        read({ endpoint: bad }).problems.map((p) => p.input),
        bad,
      ).toEqual(['endpoint']);
    }
  });

  it('reads durations and rejects bad options', () => {
    expect(read({ region: 'cn-hangzhou', 'wait-timeout': '15m' }).settings.waitTimeoutMs).toBe(900_000);
    expect(read({ region: 'cn-hangzhou', 'wait-timeout': '1h30m' }).settings.waitTimeoutMs).toBe(5_400_000);
    expect(read({ region: 'cn-hangzhou', 'request-timeout': '30' }).settings.requestTimeoutMs).toBe(30_000);
    const { problems } = read({
      region: 'cn-hangzhou',
      'wait-timeout': 'soon',
      'on-timeout': 'kill',
      'if-busy': 'retry',
      wait: 'maybe',
      'max-retries': '99',
      'request-timeout': '0',
    });
    expect(problems.map((p) => p.input).sort()).toEqual([
      'if-busy',
      'max-retries',
      'on-timeout',
      'request-timeout',
      'wait',
      'wait-timeout',
    ]);
  });

  it('needs a region unless dry-run', () => {
    expect(read({}).problems.map((p) => p.input)).toEqual(['region']);
    expect(read({ 'dry-run': 'true' }).problems).toEqual([]);
  });
});

describe('comment-on-pr without dry-run', () => {
  it('is a warning, not an error', () => {
    const given: Record<string, string> = { region: 'cn-hangzhou', 'comment-on-pr': 'true' };
    const { problems } = readSettings((n) => given[n] ?? '', {});
    expect(problems).toEqual([expect.objectContaining({ input: 'comment-on-pr', severity: 'warning' })]);
  });
});
