// ListJobs: templates by name (a loose, substring match, as SAE may do), by namespace, a page at a time.
import { describe, expect, it } from 'vitest';
import { emulatorFile, getApi, rejection } from './helpers.js';

const { emu, c } = emulatorFile({
  apps: [
    { appId: 'a1', appName: 'report-job', namespaceId: 'cn-hangzhou:prod' },
    { appId: 'a2', appName: 'Report-Job-2', namespaceId: 'cn-hangzhou:prod' },
    { appId: 'a3', appName: 'report-job', namespaceId: 'cn-hangzhou:staging' },
    { appId: 'a4', appName: 'other', namespaceId: 'cn-hangzhou:prod' },
  ],
});

const list = async (q: Record<string, string>) =>
  (await getApi(c, 'ListJobs', { Workload: 'job', ...q })).Data as {
    Applications: Array<{ AppId: string; AppName: string; NamespaceId: string; RegionId: string }>;
    TotalSize: number;
    CurrentPage: number;
    PageSize: number;
  };

describe('ListJobs', () => {
  it('matches a name loosely (any case, any part), so a client must check the names itself', async () => {
    const d = await list({ FieldType: 'appName', FieldValue: 'report-job' });
    expect(d.Applications.map((a) => a.AppId).sort()).toEqual(['a1', 'a2', 'a3']);
    expect(d.TotalSize).toBe(3);
    expect(d.Applications[0]).toMatchObject({
      AppName: 'report-job',
      NamespaceId: 'cn-hangzhou:prod',
      RegionId: 'cn-hangzhou',
    });
  });

  it('narrows to a namespace, and pages (CurrentPage from 1, PageSize up to 200)', async () => {
    const ns = await list({ FieldType: 'appName', FieldValue: 'report', NamespaceId: 'cn-hangzhou:staging' });
    expect(ns.Applications.map((a) => a.AppId)).toEqual(['a3']);
    for (let i = 0; i < 25; i++) emu.addApp({ appId: `b${i}`, appName: `batch-${i}` });
    const pages = [1, 2, 3].map((p) =>
      list({ FieldType: 'appName', FieldValue: 'batch', PageSize: '10', CurrentPage: String(p) }),
    );
    const got = await Promise.all(pages);
    expect(got.map((p) => p.Applications.length)).toEqual([10, 10, 5]);
    expect(got.every((p) => p.TotalSize === 25)).toBe(true);
    expect(new Set(got.flatMap((p) => p.Applications.map((a) => a.AppId))).size).toBe(25);
    const bad = await rejection(list({ PageSize: '201' }));
    expect(bad.code).toBe('InvalidParameter.WithMessage');
  });

  it('a template added at run time is listed until reset', async () => {
    emu.addApp({ appId: 'n1', appName: 'new-one', namespaceId: 'cn-hangzhou:prod' });
    expect((await list({ FieldType: 'appName', FieldValue: 'new-one' })).Applications.map((a) => a.AppId)).toEqual([
      'n1',
    ]);
    emu.reset();
    expect((await list({ FieldType: 'appName', FieldValue: 'new-one' })).TotalSize).toBe(0);
  });
});
