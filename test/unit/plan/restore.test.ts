// plan/restore.ts: what a rollback puts back, by class, over seeded variants of every parameter kind. The
// template's values are in DescribeJob's types as the emulator answers them (its own DescribeJob, not a copy of
// its rules), so the rollback is held to the same shapes as the read-back.
import { describe, expect, it } from 'vitest';
import { PARAMETER_BY_WIRE } from '../../../src/contract/parameters.js';
import { planRestore, wireOf, type RestoreState } from '../../../src/plan/restore.js';
import type { UpdateJobRequest } from '../../../src/request/build.js';
import { describeJob } from '../../emulator/routes/describe-job.js';
import type { World } from '../../emulator/state.js';
import { mulberry32 as rng } from '../../helpers/random.js';

const SEED = Number(process.env.RESTORE_SEED ?? Math.floor(Math.random() * 2 ** 31));
const APP = 'app-1';

/** Three different values of each parameter, as UpdateJob takes them. */
const VALUES: Record<string, readonly [string, string, string]> = {
  ImageUrl: ['r.example.com/ns/job:1', 'r.example.com/ns/job:2', 'r.example.com/ns/job:3'],
  Command: ['echo', 'sh', 'python3'],
  ImagePullSecrets: ['12', '13', '007'],
  ConcurrencyPolicy: ['Forbid', 'Allow', 'Replace'],
  Replicas: ['1', '3', '12345678901234567890'],
  TerminationGracePeriodSeconds: ['30', '10', '300'],
  Slice: ['true', 'false', 'true'],
  Envs: ['[{"name":"A","value":"1.10"}]', '[{"name":"A","value":"1.1"}]', '[{"value":"x","name":"B"}]'],
  CommandArgs: ['["a"]', '["a","b"]', '["c"]'],
  MountDesc: [
    '[{"mountPath":"/a","nasPath":"/x"}]',
    '[{"mountPath":"/b","nasPath":"/x"}]',
    '[{"nasPath":"/y","mountPath":"/c"}]',
  ],
  ConfigMapMountDesc: [
    '[{"configMapId":16,"key":"a","mountPath":"/a"}]',
    '[{"configMapId":17,"key":"a","mountPath":"/a"}]',
    '[{"configMapId":16,"key":"b","mountPath":"/a"}]',
  ],
  OssMountDescs: [
    '[{"bucketName":"b","bucketPath":"/","mountPath":"/o","readOnly":true}]',
    '[{"bucketName":"b","bucketPath":"/","mountPath":"/o","readOnly":false}]',
    '[{"bucketName":"c","bucketPath":"/","mountPath":"/o","readOnly":true}]',
  ],
  OssAkSecret: ['SecretOne0001', 'SecretTwo0002', 'SecretThree03'],
  NasId: ['nas-1', 'nas-2', 'nas-3'],
  SlsConfigs: [
    '[{"logDir":"","logType":"stdout"}]',
    '[{"logDir":"/l","logType":"file"}]',
    '[{"logDir":"/m","logType":"file"}]',
  ],
  TomcatConfig: ['{"port":8080}', '{"port":8081}', '{"port":8080,"contextPath":"/x"}'],
  EnableImageAccl: ['true', 'false', 'true'],
};

/** DescribeJob's answer for a template holding these settings (wire text), as the emulator gives it. */
function described(settings: Record<string, string>): Record<string, unknown> {
  const app = { appId: APP, appName: 'a', packageType: 'Image', namespaceId: 'ns', regionId: 'cn-hangzhou', settings };
  const world = { apps: new Map([[APP, app]]) } as unknown as World;
  return describeJob.handle({ query: { AppId: APP }, body: {}, world }) as Record<string, unknown>;
}

const request = (sent: Record<string, string>): UpdateJobRequest => {
  const query: Record<string, string> = { AppId: APP };
  const body: Record<string, string> = {};
  for (const [wire, v] of Object.entries(sent))
    (PARAMETER_BY_WIRE.get(wire)!.position === 'body' ? body : query)[wire] = v;
  return { query, body, secrets: Object.keys(sent).filter((w) => PARAMETER_BY_WIRE.get(w)!.secret) };
};

const meaning = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
};

describe(`planRestore by class (seed ${SEED}, replay: RESTORE_SEED=${SEED})`, () => {
  it('holds what was before: kept; what was sent: put back (or named); a third value: nothing at all', () => {
    const r = rng(SEED);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
    const seen = new Set<string>();
    for (let i = 0; i < 400; i++) {
      const wire = pick(Object.keys(VALUES));
      const param = PARAMETER_BY_WIRE.get(wire)!;
      const [a, b, c] = VALUES[wire]!;
      const wasSet = r() < 0.7;
      const clear = param.clearDocumented && wasSet && r() < 0.3;
      const sent = clear ? '' : b;
      // A boolean has no third value once it was set.
      const holds = pick(
        param.kind === 'boolean' && wasSet ? (['before', 'sent'] as const) : (['before', 'sent', 'third'] as const),
      );
      const before: Record<string, string> = wasSet ? { [wire]: a } : {};
      const nowText = holds === 'before' ? before[wire] : holds === 'sent' ? (clear ? undefined : sent) : c;
      const now: Record<string, string> = nowText === undefined ? {} : { [wire]: nowText };
      const plan = planRestore(request({ [wire]: sent }), described(before), described(now));
      // Unset, a setting SAE fills in (TerminationGracePeriodSeconds) still shows its default: that is what held.
      const shown = described(before)[wire];
      const wasShown = shown !== undefined && shown !== null && shown !== '';
      const [entry] = plan.entries;
      const expected: RestoreState =
        param.readBack === 'none'
          ? 'unreadable'
          : holds === 'before'
            ? 'kept'
            : holds === 'third'
              ? 'other'
              : wasShown || param.clearDocumented
                ? 'restore'
                : 'no-way-back';
      const label = `${wire}: before ${before[wire] ?? '(unset)'}, sent ${JSON.stringify(sent)}, holds ${nowText ?? '(unset)'}`;
      expect(entry!.state, label).toBe(expected);
      seen.add(expected);
      if (expected === 'restore') {
        expect(plan.request, label).toBeDefined();
        const back = { ...plan.request!.query, ...plan.request!.body }[wire]!;
        expect(back === '' ? undefined : meaning(back), label).toEqual(
          wasSet ? meaning(a) : wasShown ? meaning(String(shown)) : undefined,
        );
        expect(plan.request!.secrets, label).toEqual(param.secret ? [wire] : []);
      } else expect(plan.request, label).toBeUndefined();
      expect(plan.others.length, label).toBe(expected === 'other' ? 1 : 0);
      if (param.secret)
        expect([entry!.before, entry!.sent, entry!.now], label).toEqual([undefined, undefined, undefined]);
    }
    expect([...seen].sort()).toEqual(['kept', 'no-way-back', 'other', 'restore', 'unreadable']);
  });

  it('one third value stops the whole rollback, and a package URL goes back with its version', () => {
    const before = described({ ImageUrl: 'r/a:1', Replicas: '1', Timeout: '60' });
    const now = described({ ImageUrl: 'r/a:2', Replicas: '5', Timeout: '60' });
    const stopped = planRestore(request({ ImageUrl: 'r/a:2', Replicas: '3' }), before, now);
    expect(stopped.request).toBeUndefined();
    expect(stopped.others.map((e) => [e.wire, e.now, e.sent, e.before])).toEqual([['Replicas', '5', '3', '1']]);

    const jar = { PackageUrl: 'https://o.example.com/job-1.jar', PackageVersion: '1' };
    const moved = described({ ...jar, PackageUrl: 'https://o.example.com/job-2.jar' });
    const back = planRestore(
      request({ PackageUrl: 'https://o.example.com/job-2.jar', PackageVersion: '1' }),
      described(jar),
      moved,
    );
    expect(back.request!.query).toEqual({ AppId: APP, ...jar });
  });

  it('values read in a form UpdateJob does not take are not sent back', () => {
    const p = (w: string) => PARAMETER_BY_WIRE.get(w)!;
    expect(wireOf(p('Replicas'), 3)).toBe('3');
    expect(wireOf(p('Replicas'), '3.5')).toBeUndefined();
    expect(wireOf(p('Slice'), false)).toBe('false');
    expect(wireOf(p('Slice'), 'no')).toBeUndefined();
    // DescribeJob's object arrays, whatever the case of their keys, in UpdateJob's keys; fields SAE adds left out.
    expect(wireOf(p('MountDesc'), [{ MountPath: '/a', NasPath: '/x' }])).toBe('[{"mountPath":"/a","nasPath":"/x"}]');
    expect(wireOf(p('ConfigMapMountDesc'), [{ ConfigMapId: 16, ConfigMapName: 'm', Key: 'k', MountPath: '/a' }])).toBe(
      '[{"configMapId":16,"key":"k","mountPath":"/a"}]',
    );
    // A long number keeps its digits (json-bigint's BigNumber).
    const big = { _isBigNumber: true, toFixed: () => '12345678901234567890' };
    expect(wireOf(p('Replicas'), big)).toBe('12345678901234567890');
    // ProgrammingLanguage read back as "other" (DescribeJob's word) is no value UpdateJob takes.
    const before = described({ ProgrammingLanguage: 'other' });
    const plan = planRestore(
      request({ ProgrammingLanguage: 'java' }),
      before,
      described({ ProgrammingLanguage: 'java' }),
    );
    expect(plan.entries[0]!.state).toBe('no-way-back');
  });
});
