// The action end to end against the SAE emulator: every parameter sent and proven, the plan, the summary, the
// outputs. In-process (run(deps)); one emulator for the file, on a virtual clock each test shares with it
// (test/helpers/action.ts useEmulator).
import { describe, expect, it } from 'vitest';
import { emulatorInputs, FAST, useEmulator, visibleLog } from '../helpers/action.js';
import { PARAMETERS } from '../../src/contract/parameters.js';

const IMAGE_APP = '7171a6ca-d1cd-4928-8642-7d5cfe69aaaa';
const WAR_APP = '7171a6ca-d1cd-4928-8642-7d5cfe69cccc';
const h = useEmulator({
  apps: [{ appId: WAR_APP, packageType: 'War' }],
  slsProjects: { 'job-logs': ['job-store'] },
  acrInstances: ['cri-demo'],
  plan: FAST,
});

/** Every UpdateJob parameter but image-url (a template runs an image or a package, not both). */
const EVERY_PARAMETER: Record<string, string> = {
  'app-id': WAR_APP,
  'acr-assume-role-arn': 'acs:ram::123456789012:role/adminrole',
  'acr-instance-id': 'cri-demo',
  'backoff-limit': '3',
  'best-effort-type': 'besteffort',
  command: 'sh',
  'command-args': '- -c\n- echo hello',
  'concurrency-policy': 'Forbid',
  'config-map-mount-desc': '[{"configMapId":16,"key":"test","mountPath":"/etc/conf"}]',
  'custom-host-alias': '[{"hostName":"db.internal","ip":"10.0.0.12"}]',
  'edas-container-version': '3.5.3',
  'enable-image-accl': 'true',
  // Characters that query encoding and both signatures must agree on.
  envs: 'LOG_LEVEL: info\nPORT: 8080\nGREETING: "你好 a+b&c=d %20 *(\'!)~"',
  'image-pull-secrets': '10',
  'jar-start-args': '--mode=daily',
  'jar-start-options': '-Xms1G -Xmx1G',
  jdk: 'Open JDK 8',
  'mount-desc': '[{mountPath: "/mnt/legacy", nasPath: "/"}]',
  'mount-host': '10d3b4bc9-xxxx.cn-hangzhou.nas.aliyuncs.com',
  'nas-configs':
    '[{"nasId":"10d3b4xxxx","mountDomain":"10d3b4bc9-xxxx.cn-hangzhou.nas.aliyuncs.com","nasPath":"/","mountPath":"/mnt/nas","readOnly":false}]',
  'nas-id': '10d3b4xxxx',
  'oss-ak-id': 'LTAI5tOssKeyId',
  'oss-ak-secret': 'oss-secret-e2e-every-parameter',
  'oss-mount-descs': '[{"bucketName":"my-bucket","bucketPath":"data/","mountPath":"/usr/data","readOnly":true}]',
  'package-url': 'https://my-bucket.oss-cn-hangzhou.aliyuncs.com/jobs/report-job.war',
  'package-version': '1.4.2',
  php: 'PHP-FPM 7.0',
  'php-config': 'memory_limit=256M',
  'php-config-location': '/usr/local/etc/php/php.ini',
  'post-start': '{"exec":{"command":["sh","-c","echo started"]}}',
  'pre-stop': 'exec:\n  command: [sh, -c, echo bye]',
  'programming-language': 'java',
  python: 'PYTHON 3.9.15',
  'python-modules': 'Flask==2.0',
  'ref-app-id': '7171a6ca-d1cd-4928-8642-7d5cfe69bbbb',
  replicas: '2',
  slice: 'true',
  'slice-envs': '[0,1,2]',
  'sls-configs':
    '- logDir: ""\n  logType: stdout\n  projectName: job-logs\n  logstoreName: job-store\n- logDir: /var/log/job.log\n  projectName: job-logs\n  logstoreName: job-store\n',
  'termination-grace-period-seconds': '30',
  timeout: '3600',
  timezone: 'Asia/Shanghai',
  'tomcat-config':
    '{"port":8080,"contextPath":"/","maxThreads":400,"uriEncoding":"UTF-8","useBodyEncodingForUri":true}',
  'trigger-config': '{"type":"time","config":"0 1 */1 * ?","timezone":"GMT+8:00"}',
  'war-start-options': 'CATALINA_OPTS="$CATALINA_OPTS -Dx=1" catalina.sh run',
  'web-container': 'apache-tomcat-8.5.42',
};

describe('deploy end to end', () => {
  it('sends every parameter at once, each on its side of the wire, and succeeds', async () => {
    const run = await h.run({ inputs: emulatorInputs(h.sae.url, EVERY_PARAMETER) });
    expect(run.stderr).toBe('');
    expect(run.annotations.filter((a) => a.level === 'error')).toEqual([]);
    expect(run.code).toBe(0);
    expect(run.outputs.status).toBe('succeeded');

    const [call] = h.sae.calls('UpdateJob');
    expect(call).toBeDefined();
    const sent = { ...call!.query, ...call!.body };
    expect(Object.keys(sent).sort()).toEqual(
      PARAMETERS.filter((p) => p.input !== 'image-url')
        .map((p) => p.wire)
        .sort(),
    );
    for (const p of PARAMETERS.filter((x) => x.input !== 'image-url')) {
      expect(p.position === 'body' ? call!.body : call!.query, p.wire).toHaveProperty(p.wire);
    }
    expect(call!.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(sent.Envs).toBe(
      '[{"name":"LOG_LEVEL","value":"info"},{"name":"PORT","value":"8080"},{"name":"GREETING","value":"你好 a+b&c=d %20 *(\'!)~"}]',
    );
    expect(sent.CommandArgs).toBe('["-c","echo hello"]');
    expect(sent.PreStop).toBe('{"exec":{"command":["sh","-c","echo bye"]}}');
    expect(sent.MountDesc).toBe('[{"mountPath":"/mnt/legacy","nasPath":"/"}]');
    expect(sent.Replicas).toBe('2');
    expect(sent.EnableImageAccl).toBe('true');
    expect(sent.OssAkSecret).toBe('oss-secret-e2e-every-parameter');
    // The OSS secret reached SAE, and nowhere else.
    expect(visibleLog(run)).not.toContain('oss-secret-e2e-every-parameter');
    expect(JSON.parse(run.outputs.request!).OssAkSecret).toBe('***');
    expect(h.sae.apps.get(WAR_APP)!.settings.WebContainer).toBe('apache-tomcat-8.5.42');
  });

  it('the minimum: app-id and an image; nothing else is sent', async () => {
    // Long enough to be seen running: the first poll comes 0.5 to 1.5 s after UpdateJob (jittered).
    h.sae.setOrderPlan([{ status: 0, forMs: 100 }, { status: 1, forMs: 2000 }, { status: 2 }]);
    const run = await h.run({
      inputs: emulatorInputs(h.sae.url, {
        'app-id': IMAGE_APP,
        'image-url': 'registry.cn-hangzhou.aliyuncs.com/ns/job:2',
      }),
    });
    expect(run.code).toBe(0);
    const [call] = h.sae.calls('UpdateJob');
    expect(call!.query).toEqual({ AppId: IMAGE_APP, ImageUrl: 'registry.cn-hangzhou.aliyuncs.com/ns/job:2' });
    expect(call!.body).toEqual({});
    const order = h.sae.changeOrders.get(run.outputs['change-order-id']!)!;
    expect(order.appId).toBe(IMAGE_APP);
    expect(run.outputs).toMatchObject({
      'app-id': IMAGE_APP,
      status: 'succeeded',
      'change-order-url': `https://sae.console.aliyun.com/#/AppList/ChangeOrderDetail?changeOrderId=${order.changeOrderId}&regionId=cn-hangzhou`,
      'error-code': '',
    });
    expect(run.outputs['request-id']).toMatch(/\S+/);
    expect(run.summary).toContain('SAE job template deployed');
    expect(run.summary).toContain(order.changeOrderId);
    // The log: a group for the request and one for the wait, a line per state change with the time since
    // the start, and one final line with the result and the console link.
    expect(run.stdout).toMatch(
      /^::group::UpdateJob request for 7171a6ca-d1cd-4928-8642-7d5cfe69aaaa \(2 parameters\)$/m,
    );
    expect(run.stdout).toMatch(/^::group::Waiting for change order /m);
    expect(run.stdout.match(/^::endgroup::$/gm)!.length).toBe(run.stdout.match(/^::group::/gm)!.length);
    const states = run.stdout.match(/^\[\d+\.\d s\] (preparing|executing|succeeded)/gm)!;
    expect(states.length).toBeGreaterThanOrEqual(2); // a short state may pass between two polls
    expect(states.at(-1)).toMatch(/succeeded$/);
    expect(new Set(states).size).toBe(states.length); // one line per change, not per poll
    expect(run.stdout).toMatch(
      new RegExp(
        `^Result: succeeded in .* change order ${order.changeOrderId}: https://sae\\.console\\.aliyun\\.com/`,
        'm',
      ),
    );
  });

  it('clear sends "" and SAE removes the settings', async () => {
    h.sae.apps.get(IMAGE_APP)!.settings.SlsConfigs = '[{"logDir":"","logType":"stdout"}]';
    h.sae.apps.get(IMAGE_APP)!.settings.NasId = 'n-1';
    const run = await h.run({
      inputs: emulatorInputs(h.sae.url, { 'app-id': IMAGE_APP, clear: 'sls-configs nas-id' }),
    });
    expect(run.code).toBe(0);
    const [call] = h.sae.calls('UpdateJob');
    expect(call!.query).toEqual({ AppId: IMAGE_APP, NasId: '', SlsConfigs: '' });
    expect(call!.rawBody).toBe('');
    expect(h.sae.apps.get(IMAGE_APP)!.settings).not.toHaveProperty('SlsConfigs');
    expect(run.summary).toContain('*(cleared)*');
  });

  it('a failing change order fails the step with the failing stage and task', async () => {
    h.sae.setOrderPlan([
      { status: 1, forMs: 200 },
      {
        status: 3,
        errorMessage: 'Deployment failed',
        failedTask: {
          stage: 'Batch 1',
          task: 'Pull image',
          code: 'ImagePullBackOff',
          message: 'image not found: ns/job:404',
        },
      },
    ]);
    const run = await h.run({
      inputs: emulatorInputs(h.sae.url, {
        'app-id': IMAGE_APP,
        'image-url': 'registry.cn-hangzhou.aliyuncs.com/ns/job:404',
      }),
    });
    expect(run.code).toBe(1);
    expect(run.outputs.status).toBe('failed');
    expect(run.outputs['error-code']).toBe('ChangeOrder.Failed');
    const error = run.annotations.find((a) => a.level === 'error')!;
    expect(error.title).toBe('ChangeOrder.Failed');
    expect(error.message).toMatch(/^The change order failed\./);
    expect(error.message).toContain('image not found: ns/job:404');
    expect(h.sae.calls('DescribePipeline').length).toBeGreaterThan(0);
    expect(run.summary).toContain('Where it failed');
    expect(run.summary).toContain('Pull image');
  });

  it('bad input fails before the network: zero requests reach SAE, one annotation per problem', async () => {
    const run = await h.run({
      inputs: emulatorInputs(h.sae.url, {
        'app-id': IMAGE_APP,
        'termination-grace-period-seconds': '900',
        'sls-configs': '[{"projectName":"sae-logs","logstoreName":"s","logDir":"/tmp/a.log"}]',
        envs: '{broken',
      }),
    });
    expect(h.sae.requests).toEqual([]);
    expect(run.code).toBe(1);
    const errors = run.annotations.filter((a) => a.level === 'error');
    expect(errors.map((a) => a.title).sort()).toEqual([
      'InvalidParameter.WithMessage',
      'InvalidParameter.WithMessage',
      'Sls.Project.Name.Invalid',
    ]);
    expect(errors.every((a) => /termination-grace-period-seconds|sls-configs|envs/.test(a.message))).toBe(true);
    expect(run.outputs.status).toBe('failed');
    expect(run.summary).toContain('Input problems');
  });

  it('wait: false returns once UpdateJob is accepted', async () => {
    h.sae.setOrderPlan([{ status: 1, forMs: 60_000 }, { status: 2 }]);
    const run = await h.run({
      inputs: emulatorInputs(h.sae.url, { 'app-id': IMAGE_APP, 'image-url': 'r.example.com/ns/job:3', wait: 'false' }),
    });
    expect(run.code).toBe(0);
    expect(run.outputs.status).toBe('submitted');
    expect(run.outputs['change-order-id']).toMatch(/\S/);
    expect(h.sae.calls('DescribeChangeOrder')).toEqual([]);
  });

  it('dry-run needs no credentials and calls nothing', async () => {
    const run = await h.run({
      inputs: {
        'app-id': IMAGE_APP,
        'image-url': 'r.example.com/ns/job:4',
        'dry-run': 'true',
        endpoint: h.sae.url,
        'oss-ak-id': 'i',
        'oss-ak-secret': 'dry-run-oss-secret',
      },
    });
    expect(run.code).toBe(0);
    expect(h.sae.requests).toEqual([]);
    expect(run.outputs.status).toBe('dry-run');
    expect(run.outputs['change-order-id'] ?? '').toBe('');
    expect(JSON.parse(run.outputs.request!)).toEqual({
      AppId: IMAGE_APP,
      ImageUrl: 'r.example.com/ns/job:4',
      OssAkId: 'i',
      OssAkSecret: '***',
    });
    expect(run.summary).toContain('would be sent');
    expect(visibleLog(run)).not.toContain('dry-run-oss-secret');
  });

  it('package-url without a version takes the tag being built, with a notice', async () => {
    const run = await h.run({
      inputs: emulatorInputs(h.sae.url, {
        'app-id': WAR_APP,
        'package-url': 'https://b.oss-cn-hangzhou.aliyuncs.com/job.war',
        jdk: 'Open JDK 8',
        'web-container': 'apache-tomcat-8.5.42',
      }),
      env: { GITHUB_REF: 'refs/tags/v2.0.1', GITHUB_SHA: '0123456789abcdef' },
    });
    expect(run.code).toBe(0);
    expect(h.sae.calls('UpdateJob')[0]!.query.PackageVersion).toBe('2.0.1');
    expect(run.annotations.find((a) => a.level === 'notice')!.message).toContain('2.0.1');
  });
});
