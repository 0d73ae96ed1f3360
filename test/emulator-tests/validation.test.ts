// UpdateJob validation codes (seed's error table) and the query/body split.
import { describe, expect, it } from 'vitest';
import { DEFAULT_APP_ID } from '../emulator/index.js';
import { emulatorFile, PATHS, popClient, rejection, updateJob } from './helpers.js';

const JAR = 'a0000000-0000-4000-8000-00000000f001';
const WAR = 'a0000000-0000-4000-8000-00000000f002';

const { emu } = emulatorFile({
  orderPlan: [{ status: 2 }],
  apps: [
    { appId: JAR, packageType: 'FatJar' },
    { appId: WAR, packageType: 'War' },
  ],
});

const sls = (entries: object[]): string => JSON.stringify(entries);

type Case = [name: string, query: Record<string, string>, body: Record<string, string>, code: string, message?: string];
const IMG = { AppId: DEFAULT_APP_ID };
const cases: Case[] = [
  ['AppId missing', { ImageUrl: 'r.io/a:1' }, {}, 'InvalidParameter.NotEmpty', 'You must specify the parameter AppId.'],
  [
    'unknown AppId',
    { AppId: 'a0000000-0000-4000-8000-0000000000ff' },
    {},
    'InvalidApplication.NotFound',
    'The current application does not exist.',
  ],
  [
    'body parameter in the query',
    { ...IMG, AcrInstanceId: 'cri-xxxxxx' },
    {},
    'InvalidParameter.Obviously',
    'The specified parameter is invalid {AcrInstanceId}.',
  ],
  ['query parameter in the body', IMG, { ImageUrl: 'r.io/a:1' }, 'InvalidParameter.Obviously'],
  ['unknown parameter', { ...IMG, ChangeOrderDesc: 'x' }, {}, 'InvalidParameter.Obviously'],
  ['grace period out of range', { ...IMG, TerminationGracePeriodSeconds: '301' }, {}, 'InvalidParameter.WithMessage'],
  ['integer not decimal', { ...IMG, Timeout: '1e3' }, {}, 'InvalidParameter.Obviously'],
  ['boolean not true/false', { ...IMG, Slice: 'yes' }, {}, 'InvalidParameter.Obviously'],
  ['ConcurrencyPolicy', { ...IMG, ConcurrencyPolicy: 'forbid' }, {}, 'InvalidParameter.WithMessage'],
  ['ProgrammingLanguage', { ...IMG, ProgrammingLanguage: 'go' }, {}, 'InvalidParameter.WithMessage'],
  ['JSON must parse', { ...IMG, Envs: '[{name: "a"}]' }, {}, 'InvalidParameter.WithMessage'],
  ['Jdk on an Image template', { ...IMG, Jdk: 'Open JDK 8' }, {}, 'InvalidParameter.WithMessage'],
  [
    'PackageUrl on an Image template',
    { ...IMG, PackageUrl: 'https://o.example/x.jar' },
    {},
    'InvalidParameter.WithMessage',
  ],
  ['ImageUrl on a FatJar template', { AppId: JAR, ImageUrl: 'r.io/a:1' }, {}, 'InvalidParameter.WithMessage'],
  ['unknown JDK', { AppId: JAR, Jdk: 'Open JDK 21' }, {}, 'InvalidComponent.NotFound'],
  [
    'FatJar without JDK after the update',
    { AppId: JAR, Jdk: '' },
    {},
    'JarApplication.MissingJdk',
    'A FatJar application must contain JDK.',
  ],
  [
    'War without Tomcat after the update',
    { AppId: WAR, WebContainer: '' },
    {},
    'WarApplication.MissingJdkWebcontainer',
  ],
  [
    'package file name',
    { AppId: JAR, PackageUrl: 'https://o.example/dir/my app!.jar' },
    {},
    'InvalidParameter.FileName',
  ],
  ['jar for a War template', { AppId: WAR, PackageUrl: 'https://o.example/app.jar' }, {}, 'InvalidParameter.FileName'],
  ['package version too long', { AppId: JAR, PackageVersion: 'v'.repeat(129) }, {}, 'Package.Version.Too.Long'],
  [
    'removing the image of an Image template',
    { ...IMG, ImageUrl: '' },
    {},
    'InvalidParameter.NotEmpty',
    'You must specify the parameter ImageUrl.',
  ],
  [
    'SLS project named sae-',
    { ...IMG, SlsConfigs: sls([{ projectName: 'sae-x', logstoreName: 's', logDir: '/a.log' }]) },
    {},
    'Sls.Project.Name.Invalid',
  ],
  [
    'SLS logstore named sae-',
    { ...IMG, SlsConfigs: sls([{ projectName: 'test', logstoreName: 'sae-s', logDir: '/a.log' }]) },
    {},
    'Sls.Logstore.Name.Invalid',
  ],
  [
    'SLS project without logstore',
    { ...IMG, SlsConfigs: sls([{ projectName: 'test', logDir: '/a.log' }]) },
    {},
    'Sls.Config.User.Defined.Missing.Logstore.Info',
  ],
  [
    'SLS logstore without project',
    { ...IMG, SlsConfigs: sls([{ logstoreName: 'sae', logDir: '/a.log' }]) },
    {},
    'Sls.Config.User.Defined.Missing.Project.Info',
  ],
  [
    'SLS two projects',
    {
      ...IMG,
      SlsConfigs: sls([
        { projectName: 'test', logstoreName: 'sae', logDir: '/a.log' },
        { projectName: 'test-sls', logstoreName: 'sae', logDir: '/b.log' },
      ]),
    },
    {},
    'Sls.Config.Mixed.Multi.Project',
  ],
  [
    'SLS two stdout entries',
    {
      ...IMG,
      SlsConfigs: sls([
        { logDir: '', logType: 'stdout' },
        { logDir: '', logType: 'stdout' },
      ]),
    },
    {},
    'InvalidParameter.WithMessage',
  ],
  [
    'SLS unknown project',
    { ...IMG, SlsConfigs: sls([{ projectName: 'nope', logstoreName: 'sae', logDir: '/a.log' }]) },
    {},
    'Sls.Project.User.Defined.Not.Exist',
  ],
  [
    'SLS unknown logstore',
    { ...IMG, SlsConfigs: sls([{ projectName: 'test', logstoreName: 'nope', logDir: '/a.log' }]) },
    {},
    'Sls.Logstore.User.Defined.Not.Exist',
  ],
  [
    'bad host alias',
    { ...IMG, CustomHostAlias: JSON.stringify([{ hostName: 'ok.example', ip: '300.1.1.1' }]) },
    {},
    'InvalidHostnameIp.Invalid',
    'The hostname and/or IP is invalid: Hostname [ok.example], IP [300.1.1.1].',
  ],
  [
    'ConfigMap mount path twice',
    IMG,
    {
      ConfigMapMountDesc: JSON.stringify([
        { configMapId: 16, key: 'test', mountPath: '/tmp/a' },
        { configMapId: 16, key: 'test', mountPath: '/tmp/a' },
      ]),
    },
    'MountConflict.ConfigMap',
    'Conflict detected for ConfigMap path /tmp/a.',
  ],
  [
    'unknown ConfigMap',
    IMG,
    { ConfigMapMountDesc: JSON.stringify([{ configMapId: 17, key: 'test', mountPath: '/tmp' }]) },
    'NotFound.ConfigMap',
    'The ConfigMap object (ID: 17) does not exist.',
  ],
  [
    'unknown ConfigMap key',
    IMG,
    { ConfigMapMountDesc: JSON.stringify([{ configMapId: 16, key: 'nope', mountPath: '/tmp' }]) },
    'NotFound.ConfigMapKey',
    'The key nope of ConfigMap object (ID: 16) does not exist.',
  ],
  [
    'log directory inside an OSS mount',
    { ...IMG, SlsConfigs: sls([{ logDir: '/data/logs/app.log' }]) },
    {
      OssMountDescs: JSON.stringify([{ bucketName: 'b', bucketPath: 'p', mountPath: '/data', readOnly: true }]),
      OssAkId: 'id',
      OssAkSecret: 'secret',
    },
    'VolumnPath.Conflict',
  ],
  [
    'OSS mounts without OSS keys',
    IMG,
    { OssMountDescs: JSON.stringify([{ bucketName: 'b', bucketPath: 'p', mountPath: '/oss' }]) },
    'InvalidParameter.NotEmpty',
  ],
  [
    'trigger type',
    { ...IMG, TriggerConfig: '{"type":"cron","config":"0 1 * * ?"}' },
    {},
    'InvalidParameter.WithMessage',
  ],
  [
    'trigger cron fields',
    { ...IMG, TriggerConfig: '{"type":"time","config":"0 1 *"}' },
    {},
    'InvalidParameter.WithMessage',
  ],
  [
    'trigger cron characters',
    { ...IMG, TriggerConfig: '{"type":"time","config":"0 1 * * $"}' },
    {},
    'InvalidParameter.WithMessage',
  ],
  [
    'unknown ACR EE instance',
    IMG,
    { AcrInstanceId: 'cri-nope' },
    'InvalidAcrInstanceId.NotFound',
    'The specified AcrInstanceId does not exist.',
  ],
];

describe('UpdateJob validation', () => {
  it.each(cases)('%s → %s', async (_name, query, body, code, message) => {
    const err = await rejection(updateJob(popClient(emu.url), query, body));
    expect(err.code).toBe(code);
    expect(err.result).toMatchObject({ Code: code, ErrorCode: code, Success: false, Data: null });
    expect(err.statusCode).toBe(code === 'InvalidAcrInstanceId.NotFound' ? 404 : 400);
    if (message) expect(err.result['Message']).toBe(message);
    expect(emu.changeOrders.size).toBe(0);
  });

  it('rejects a form body without its content-type', async () => {
    const err = await rejection(
      popClient(emu.url).post(PATHS.UpdateJob, { AppId: DEFAULT_APP_ID }, 'EnableImageAccl=true'),
    );
    expect(err.code).toBe('InvalidParameter.WithMessage');
  });

  it('accepts valid structured settings and stores them; "" removes a setting', async () => {
    const c = popClient(emu.url);
    const query = {
      AppId: DEFAULT_APP_ID,
      TriggerConfig: '{"type":"time","config":"0 1 */1 * ?","timezone":"GMT+8:00"}',
      SlsConfigs: sls([
        { projectName: 'test', logstoreName: 'sae', logType: 'stdout', logDir: '' },
        { projectName: 'test', logstoreName: 'sae', logDir: '/tmp/a.log' },
      ]),
      CustomHostAlias: '[{"hostName":"samplehost","ip":"127.0.0.1"}]',
      TomcatConfig:
        '{"port":8080,"contextPath":"/","maxThreads":400,"uriEncoding":"ISO-8859-1","useBodyEncodingForUri":true}',
      Timezone: '',
    };
    const body = {
      ConfigMapMountDesc: '[{"configMapId":16,"key":"sae-sys-configmap-all","mountPath":"/etc/conf"}]',
      OssAkSecret: 's3cret',
    };
    await expect(updateJob(c, query, body)).resolves.toMatchObject({ Success: true });
    const settings = emu.apps.get(DEFAULT_APP_ID)!.settings;
    expect(settings['TriggerConfig']).toBe(query.TriggerConfig);
    expect(settings['Timezone']).toBeUndefined();

    const job = (await c.get(PATHS.DescribeJob, { AppId: DEFAULT_APP_ID })) as { Data: Record<string, unknown> };
    expect(job.Data['ConfigMapMountDesc']).toEqual([
      { ConfigMapId: 16, ConfigMapName: 'configmap-16', Key: 'sae-sys-configmap-all', MountPath: '/etc/conf' },
    ]);
    expect(job.Data['Replicas']).toBe(1);
    // DescribeJob returns the OSS secret (docs/reference/sae-api.md §5.1): the client must mask it.
    expect(job.Data['OssAkSecret']).toBe('s3cret');
  });

  it('checks FatJar/War rules against the settings after the update', async () => {
    const c = popClient(emu.url);
    const url = 'https://myoss.oss-cn-hangzhou.aliyuncs.com/my-buc/2019-06-30/my_job-1.2.0.war';
    await expect(
      updateJob(c, { AppId: WAR, PackageUrl: url, PackageVersion: '1.2.0', Jdk: 'Dragonwell 11' }),
    ).resolves.toMatchObject({ Success: true });
    expect(emu.apps.get(WAR)!.settings['WebContainer']).toBe('apache-tomcat-8.5.42');
  });
});
