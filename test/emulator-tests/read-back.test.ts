// DescribeJob as the SDK models it, and the template changing only through orders that succeed:
// UpdateJob's own, someone else's (scripted), and UpdateJob with parameters SAE silently drops.
import { describe, expect, it } from 'vitest';
import { DEFAULT_APP_ID, startEmulator } from '../emulator/index.js';
import { emulatorFile, getApi, popClient, raw, rejection, updateJob } from './helpers.js';

const APP = { AppId: DEFAULT_APP_ID };
const QUICK = [{ status: 1, forMs: 100 }, { status: 2 }];

const { emu, advance } = emulatorFile({ orderPlan: QUICK }, { manualClock: true });

const describeJob = async () => (await getApi(popClient(emu.url), 'DescribeJob', APP)).Data!;

describe('DescribeJob', () => {
  it("answers in the SDK model's types: numbers, booleans, the model's object arrays, JSON text; no Php or EnableImageAccl", async () => {
    const c = popClient(emu.url);
    await updateJob(
      c,
      {
        ...APP,
        Replicas: '3',
        Slice: 'true',
        SliceEnvs: '[0,1,2]',
        BestEffortType: 'besteffort',
        Envs: '[{"value":"1.10","name":"V"}]',
        MountDesc: '[{"mountPath":"/tmp","nasPath":"/"}]',
        TomcatConfig: '{"port":8080,"contextPath":"/"}',
      },
      {
        EnableImageAccl: 'true',
        Php: 'PHP-FPM 7.0',
        ConfigMapMountDesc: '[{"configMapId":"16","key":"test","mountPath":"/etc/cm"}]',
        OssMountDescs: '[{"bucketName":"b","bucketPath":"d/","mountPath":"/data","readOnly":true}]',
        OssAkId: 'LTAI5tOss',
        OssAkSecret: 'oss-secret',
      },
    );
    advance(200);
    const d = await describeJob();
    expect(d['Replicas']).toBe(3);
    expect(d['Slice']).toBe(true);
    expect(d['BestEffortType']).toBe('besteffort');
    expect(d['MountDesc']).toEqual([{ MountPath: '/tmp', NasPath: '/' }]);
    expect(d['ConfigMapMountDesc']).toEqual([
      { ConfigMapId: 16, ConfigMapName: 'configmap-16', Key: 'test', MountPath: '/etc/cm' },
    ]);
    expect(d['OssMountDescs']).toEqual([{ bucketName: 'b', bucketPath: 'd/', mountPath: '/data', readOnly: true }]);
    expect(d['Envs']).toBe('[{"name":"V","value":"1.10"}]'); // JSON text, re-serialised with sorted keys
    expect(d['TomcatConfig']).toBe('{"contextPath":"/","port":8080}');
    expect(d['SliceEnvs']).toBe('[0,1,2]');
    expect(d).not.toHaveProperty('EnableImageAccl');
    expect(d).not.toHaveProperty('Php');
  });

  it('fills in Timezone and TerminationGracePeriodSeconds when the template never set them', async () => {
    const seeded = await startEmulator({ apps: [{ appId: 'bare', settings: { ImageUrl: 'r.io/a:1' } }] });
    try {
      const d = (await getApi(popClient(seeded.url), 'DescribeJob', { AppId: 'bare' })).Data!;
      expect(d['Timezone']).toBe('Asia/Shanghai');
      expect(d['TerminationGracePeriodSeconds']).toBe(30);
    } finally {
      await seeded.close();
    }
  });
});

describe('the template changes when an order succeeds', () => {
  it("not while UpdateJob's order runs; at once when it succeeded", async () => {
    emu.setOrderPlan([{ status: 1, forMs: 1000 }, { status: 2 }]); // long enough to be read while running, under load too
    await updateJob(popClient(emu.url), { ...APP, ImageUrl: 'r.io/a:2' });
    expect((await describeJob())['ImageUrl']).not.toBe('r.io/a:2');
    advance(1100);
    expect((await describeJob())['ImageUrl']).toBe('r.io/a:2');
  });

  it.each([3, 6, 10])('an order that ends with status %i leaves the template as it was', async (status) => {
    emu.setOrderPlan([{ status: 1, forMs: 50 }, { status }]);
    const before = (await describeJob())['ImageUrl'];
    await updateJob(popClient(emu.url), { ...APP, ImageUrl: 'r.io/a:3' });
    advance(150);
    expect((await describeJob())['ImageUrl']).toBe(before);
  });

  it("someone else's order sets its own settings when it succeeds", async () => {
    emu.startOrder(DEFAULT_APP_ID, QUICK, { ImageUrl: 'r.io/other:9', Replicas: '5' });
    expect((await rejection(updateJob(popClient(emu.url), { ...APP, ImageUrl: 'r.io/a:4' }))).code).toBe(
      'Application.ChangerOrderRunning',
    );
    advance(200);
    const d = await describeJob();
    expect(d['ImageUrl']).toBe('r.io/other:9');
    expect(d['Replicas']).toBe(5);
  });

  it("andStart: someone else's order starts as the request arrives (here with a 502 from a proxy)", async () => {
    emu.script({ api: 'UpdateJob', html: 502, andStart: { plan: QUICK, settings: { ImageUrl: 'r.io/other:1' } } });
    const answer: unknown = await updateJob(popClient(emu.url), { ...APP, ImageUrl: 'r.io/a:5' });
    expect(String(answer)).toContain('502 Bad Gateway'); // pop-core returns a non-JSON body as text
    const orders = [...emu.changeOrders.values()];
    expect(orders.map((o) => o.source)).toEqual(['external']);
    advance(200);
    expect(emu.template(DEFAULT_APP_ID)['ImageUrl']).toBe('r.io/other:1');
  });

  it('ignoreParameters: UpdateJob accepts them, the order succeeds, the template keeps the old value', async () => {
    const before = (await describeJob())['Timezone'];
    emu.ignoreParameters(['Timezone']);
    await updateJob(popClient(emu.url), { ...APP, ImageUrl: 'r.io/a:6', Timezone: 'Europe/Berlin' });
    advance(200);
    const d = await describeJob();
    expect(d['ImageUrl']).toBe('r.io/a:6');
    expect(d['Timezone']).toBe(before);
    emu.reset();
    expect(emu.template(DEFAULT_APP_ID)['Timezone']).toBe(before); // reset restores the option too
  });

  it('control API: start-order with settings, ignore-parameters', async () => {
    const post = (path: string, value: unknown) =>
      raw(emu.url, 'POST', path, { 'content-type': 'application/json' }, JSON.stringify(value));
    expect(
      (await post('/__emulator/start-order', { appId: DEFAULT_APP_ID, plan: QUICK, settings: { Replicas: 4 } })).status,
    ).toBe(400);
    expect(
      (await post('/__emulator/start-order', { appId: DEFAULT_APP_ID, plan: QUICK, settings: { Replicas: '4' } }))
        .status,
    ).toBe(200);
    expect((await post('/__emulator/ignore-parameters', 'Timezone')).status).toBe(400);
    expect((await post('/__emulator/ignore-parameters', ['Timezone'])).status).toBe(200);
    advance(200);
    expect((await describeJob())['Replicas']).toBe(4);
    await updateJob(popClient(emu.url), { ...APP, Timezone: 'UTC' });
    advance(200);
    expect((await describeJob())['Timezone']).not.toBe('UTC');
  });
});
