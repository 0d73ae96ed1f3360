// CreateJob: validated like SAE (required fields, the name rule, sizes, the namespace), a name taken refused, and a
// template that ListJobs and DescribeJob then return, deployed by a change order.
import { stringify } from 'node:querystring';
import { describe, expect, it } from 'vitest';
import { emulatorFile, FORM, getApi, PATHS, rejection, type Envelope } from './helpers.js';

const { emu, c } = emulatorFile();

const BASE = {
  AppName: 'new-job',
  NamespaceId: 'cn-hangzhou:prod',
  Workload: 'job',
  PackageType: 'Image',
  Cpu: '500',
  Memory: '1024',
  Replicas: '1',
  ImageUrl: 'registry.cn-hangzhou.aliyuncs.com/ns/job:1',
};
const create = async (query: Record<string, string>, body: Record<string, string> = {}) =>
  (await c.post(PATHS.CreateJob, query, stringify(body), Object.keys(body).length ? FORM : {})) as Envelope;

describe('CreateJob', () => {
  it('creates a template that ListJobs and DescribeJob return, with a change order', async () => {
    const r = await create(BASE, { OssAkId: 'LTAI5tOss', OssAkSecret: 's', OssMountDescs: '[]' });
    const { AppId, ChangeOrderId } = r.Data as { AppId: string; ChangeOrderId: string };
    expect(emu.changeOrders.get(ChangeOrderId)!.appId).toBe(AppId);
    const listed = (await getApi(c, 'ListJobs', { FieldType: 'appName', FieldValue: 'new-job' })).Data as {
      Applications: Array<{ AppId: string; NamespaceId: string }>;
    };
    expect(listed.Applications).toMatchObject([{ AppId, NamespaceId: 'cn-hangzhou:prod' }]);
    const described = (await getApi(c, 'DescribeJob', { AppId })).Data as Record<string, unknown>;
    expect(described).toMatchObject({ AppName: 'new-job', ImageUrl: BASE.ImageUrl, PackageType: 'Image' });
  });

  it('refuses what SAE refuses: required fields, the name rule, sizes, namespaces, a name taken, Php', async () => {
    const { AppName: _, ...noName } = BASE;
    expect((await rejection(create(noName))).code).toBe('InvalidParameter.NotEmpty');
    expect((await rejection(create({ ...BASE, AppName: '9lives' }))).code).toBe('InvalidParameter.WithMessage');
    expect((await rejection(create({ ...BASE, AppName: 'a'.repeat(37) }))).code).toBe('InvalidParameter.WithMessage');
    expect((await rejection(create({ ...BASE, Cpu: '500', Memory: '4096' }))).code).toBe(
      'InvalidInstanceSpecification.Unsupported',
    );
    expect((await rejection(create({ ...BASE, PackageType: 'Jar' }))).code).toBe('InvalidPackageType.NotFound');
    const { NamespaceId: __, ...noNamespace } = BASE;
    expect((await rejection(create(noNamespace))).code).toBe('InvalidParameter.NotEmpty');
    expect((await create({ ...noNamespace, AutoConfig: 'true' })).Data).toBeDefined();
    expect((await rejection(create({ ...BASE, NamespaceId: 'cn-shanghai:prod' }))).code).toBe(
      'InvalidNamespaceId.NotFound',
    );
    expect((await rejection(create({ ...BASE, ImageUrl: '' }))).code).toBe('InvalidParameter.NotEmpty');
    await create(BASE);
    expect((await rejection(create(BASE))).code).toBe('Application.AppNameExists');
    // The same name in another namespace is another template.
    await create({ ...BASE, NamespaceId: 'cn-hangzhou:staging' });
    expect((await rejection(create(BASE, { Php: 'PHP-FPM 7.0' }))).code).toBe('InvalidParameter.Obviously');
    expect(
      [...emu.apps.values()]
        .filter((a) => a.appName === 'new-job')
        .map((a) => a.namespaceId)
        .sort(),
    ).toEqual(['cn-hangzhou', 'cn-hangzhou:prod', 'cn-hangzhou:staging']);
  });
});
