// SAE as it answers (issue 19): against an emulator that answers DescribeJob exactly as the SDK's model
// (PascalCase mounts, ConfigMapName added, no Php or EnableImageAccl, BestEffortType read back), a template that
// holds what was sent gives changed=[] and no "Not taken" for any of the 47 parameters, if-unchanged: skip
// skips it (unless a parameter that cannot be read back is sent), and the proof after a lost answer succeeds.
// The values are seeded variants: JSON or YAML, configMapId as a number or as text, envs as lines or a mapping.
// In-process (run(deps)) on a virtual clock the emulator shares.
import { describe, expect, it } from 'vitest';
import { PARAMETERS } from '../../src/contract/parameters.js';
import { emulatorInputs, useEmulator, type ActionRun } from '../helpers/action.js';
import { mulberry32 } from '../helpers/random.js';

const SEED = Number(process.env.SHAPES_SEED ?? Date.now() % 100_000);
const random = mulberry32(SEED);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
const word = () => pick(['alpha', 'beta', 'x-1', 'v1.10', '007']) + String(Math.floor(random() * 100));

const APPS = {
  Image: '5a9e0000-0000-4000-8000-000000000001',
  War: '5a9e0000-0000-4000-8000-000000000002',
  FatJar: '5a9e0000-0000-4000-8000-000000000003',
  PythonZip: '5a9e0000-0000-4000-8000-000000000004',
} as const;
const FAST = [{ status: 1, forMs: 200 }, { status: 2 }];

const h = useEmulator({
  apps: Object.entries(APPS).map(([packageType, appId]) => ({ appId, packageType: packageType as keyof typeof APPS })),
  configMaps: { '16': ['test', 'other'], '17': ['conf'] },
  plan: FAST,
});

/** Inputs for every parameter a template of this package type takes, in seeded forms. */
function inputsFor(type: keyof typeof APPS): Record<string, string> {
  const mountPath = `/mnt/${word()}`;
  const common: Record<string, string> = {
    'acr-assume-role-arn': `acs:ram::123456789012:role/${word()}`,
    'backoff-limit': String(Math.floor(random() * 5)),
    'best-effort-type': pick(['besteffort', 'none']),
    command: pick(['echo', 'sh']),
    'command-args': pick([`["a", "${word()}"]`, `- a\n- "${word()}"`]),
    'concurrency-policy': pick(['Forbid', 'Allow', 'Replace']),
    'config-map-mount-desc': pick([
      `[{"configMapId": 16, "key": "test", "mountPath": "/etc/a"}]`,
      `- configMapId: "17"\n  key: conf\n  mountPath: /etc/b\n- configMapId: 16\n  key: sae-sys-configmap-all\n  mountPath: /etc/c`,
    ]),
    'custom-host-alias': `[{"ip": "10.0.0.${1 + Math.floor(random() * 200)}", "hostName": "${word()}.internal"}]`,
    envs: pick([`A=${word()}\nB=1.10`, `A: "${word()}"\nB: "007"`, `[{"value": "${word()}", "name": "A"}]`]),
    'image-pull-secrets': String(1 + Math.floor(random() * 50)),
    'mount-desc': `[{"nasPath": "/${word()}", "mountPath": "${mountPath}"}]`,
    'mount-host': `${word()}.cn-hangzhou.nas.aliyuncs.com`,
    'nas-configs': `[{"mountPath": "/nas", "readOnly": ${pick(['true', 'false'])}, "nasId": "n-${word()}", "mountDomain": "d.nas.aliyuncs.com", "nasPath": "/"}]`,
    'nas-id': `n-${word()}`,
    'oss-ak-id': `LTAI5t${word()}`,
    'oss-ak-secret': `secret-${word()}`,
    'oss-mount-descs': `[{"bucketName": "b-${Math.floor(random() * 9)}", "bucketPath": "d/", "mountPath": "/data", "readOnly": ${pick(['true', 'false'])}}]`,
    'php-config': `memory_limit=${word()}`,
    'php-config-location': '/usr/local/etc/php/php.ini',
    'post-start': '{"exec":{"command":["sh","-c","echo hi"]}}',
    'pre-stop': 'exec:\n  command: [sh, -c, "echo bye"]',
    'programming-language': pick(['java', 'php', 'python']),
    'ref-app-id': `5a9e0000-0000-4000-8000-${String(Math.floor(random() * 1e12)).padStart(12, '0')}`,
    replicas: String(1 + Math.floor(random() * 4)),
    slice: 'true',
    'slice-envs': pick(['[0,1,2]', '["a", "b"]']),
    'sls-configs': pick(['[{"logDir":"","logType":"stdout"}]', '[{"logDir":"/tmp/a.log"}]']),
    'termination-grace-period-seconds': String(1 + Math.floor(random() * 300)),
    timeout: String(60 + Math.floor(random() * 3600)),
    timezone: pick(['Asia/Shanghai', 'Europe/Berlin', 'UTC']),
    'trigger-config': pick([
      '{"type":"time","config":"0 1 */1 * ?","timezone":"GMT+8:00"}',
      'type: time\nconfig: "*/5 * * * ?"',
    ]),
  };
  switch (type) {
    case 'Image':
      return {
        ...common,
        'image-url': `registry.cn-hangzhou.aliyuncs.com/ns/job:${word()}`,
        'acr-instance-id': 'cri-xxxxxx',
      };
    case 'War':
      return {
        'package-url': `https://b.oss-cn-hangzhou.aliyuncs.com/job-${Math.floor(random() * 99)}.war`,
        'package-version': `1.0.${Math.floor(random() * 99)}`,
        jdk: pick(['Open JDK 8', 'Dragonwell 11']),
        'web-container': pick(['apache-tomcat-7.0.91', 'apache-tomcat-8.5.42']),
        'tomcat-config': `{"port": ${8000 + Math.floor(random() * 1000)}, "contextPath": "/", "maxThreads": 400}`,
        'war-start-options': 'CATALINA_OPTS="$CATALINA_OPTS" catalina.sh run',
        'edas-container-version': '3.5.3',
      };
    case 'FatJar':
      return {
        'package-url': `https://b.oss-cn-hangzhou.aliyuncs.com/job-${Math.floor(random() * 99)}.jar`,
        'package-version': `2.0.${Math.floor(random() * 99)}`,
        jdk: 'Open JDK 8',
        'jar-start-args': `--n=${word()}`,
        'jar-start-options': '-Xms1G -Xmx1G',
      };
    case 'PythonZip':
      return {
        'package-url': `https://b.oss-cn-hangzhou.aliyuncs.com/job-${Math.floor(random() * 99)}.zip`,
        'package-version': `3.0.${Math.floor(random() * 99)}`,
        python: 'PYTHON 3.9.15',
        'python-modules': 'Flask==2.0',
      };
  }
}

const deploy = (type: keyof typeof APPS, inputs: Record<string, string>, extra: Record<string, string> = {}) =>
  h.run({ inputs: emulatorInputs(h.sae.url, { 'app-id': APPS[type], ...inputs, ...extra }) });

function expectHeld(run: ActionRun): void {
  expect(run.stderr).toBe('');
  expect(run.annotations.filter((a) => a.level === 'error')).toEqual([]);
  expect(run.annotations.filter((a) => /Not taken|Not verified/.test(a.title ?? ''))).toEqual([]);
  expect(run.outputs.status).toMatch(/^(succeeded|unchanged)$/);
}

describe(`a template that holds what was sent, in the SDK's shapes (seed ${SEED})`, () => {
  it('together the cases send every one of the 47 parameters', () => {
    const sent = new Set(['app-id', 'php', 'enable-image-accl']);
    for (const type of Object.keys(APPS) as (keyof typeof APPS)[])
      for (const k of Object.keys(inputsFor(type))) sent.add(k);
    expect([...sent].sort()).toEqual(PARAMETERS.map((p) => p.input).sort());
  });

  it.each(Object.keys(APPS) as (keyof typeof APPS)[])(
    '%s: no "Not taken"; the re-run with if-unchanged: skip has changed=[] and sends nothing',
    async (type) => {
      const inputs = inputsFor(type);
      const first = await deploy(type, inputs);
      expectHeld(first);
      expect(first.outputs.status).toBe('succeeded');
      const again = await deploy(type, inputs, { 'if-unchanged': 'skip' });
      expectHeld(again);
      expect(again.outputs.changed).toBe('[]');
      expect(again.outputs.status).toBe('unchanged');
      expect(h.sae.calls('UpdateJob')).toHaveLength(1);
    },
  );

  it('php and enable-image-accl cannot be read back: never changed nor "not taken"; skip deploys', async () => {
    const inputs = { ...inputsFor('Image'), php: 'PHP-FPM 7.0', 'enable-image-accl': pick(['true', 'false']) };
    expectHeld(await deploy('Image', inputs));
    const again = await deploy('Image', inputs, { 'if-unchanged': 'skip' });
    expectHeld(again);
    expect(again.outputs.status).toBe('succeeded');
    expect(again.outputs.changed).toBe('[]');
    expect(again.stdout).toContain('enable-image-accl, php cannot be read back');
    expect(again.stdout).toMatch(/Php: \(not returned by DescribeJob\) → PHP-FPM 7\.0 \(cannot be compared/);
    expect(h.sae.calls('UpdateJob')).toHaveLength(2);
  });

  it.each(Object.keys(APPS) as (keyof typeof APPS)[])(
    "%s: the proof after a lost UpdateJob answer finds the template holding every value: this run's order",
    async (type) => {
      h.sae.script({ api: 'UpdateJob', acceptThenReset: true });
      const run = await deploy(type, { ...inputsFor(type), ...(type === 'Image' ? { php: 'PHP-FPM 7.0' } : {}) });
      expectHeld(run);
      expect(run.outputs.status).toBe('succeeded');
      expect(run.stdout).toContain('answer was lost');
      expect(run.stdout).toContain('Verified: the template holds every value sent');
      expect(run.outputs['error-code'] ?? '').toBe('');
      expect(h.sae.calls('UpdateJob')).toHaveLength(1);
    },
  );
});
