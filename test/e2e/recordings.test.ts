// What SAE answers, replayed: every recorded deploy under test/recordings/ (written by SAE_RECORD_DIR, see the
// README's "Record a real deploy") goes through the action's readers and its comparison (test/helpers/replay.ts),
// the real client in front of a canned server (test/helpers/canned-server.ts) that answers with the recording.
// Recordings made against the emulator are in emulator-* folders and say so in every file. And the recorder
// itself: a deploy in-process (run(deps)) against the emulator with SAE_RECORD_DIR set writes a recording that
// replays, with no secret in it.
import {
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emulatorInputs, ROOT, TEST_KEY, useEmulator } from '../helpers/action.js';
import { cannedClient } from '../helpers/readers.js';
import { loadRecordings, replayProblems } from '../helpers/replay.js';
import { ROUTES } from '../emulator/routes/index.js';

const RECORDINGS = join(ROOT, 'test/recordings');
const folders = readdirSync(RECORDINGS)
  .filter((f) => statSync(join(RECORDINGS, f)).isDirectory())
  .sort();

const canned = cannedClient();

describe('test/recordings: every recorded deploy replays', () => {
  it.each(folders)('%s', async (folder) => {
    expect(await replayProblems(join(RECORDINGS, folder), canned.client, canned.server)).toEqual([]);
  });

  it('together they hold an answer of every API the action calls', () => {
    const apis = new Set(folders.flatMap((f) => loadRecordings(join(RECORDINGS, f)).map((r) => r.api)));
    expect(ROUTES.map((r) => r.api).filter((api) => !apis.has(api))).toEqual([]);
  });
});

describe('SAE_RECORD_DIR', () => {
  const h = useEmulator({ plan: [{ status: 1, forMs: 200 }, { status: 2 }] });
  const APP = '7171a6ca-d1cd-4928-8642-7d5cfe69aaaa';
  let dir: string;
  beforeAll(() => void (dir = mkdtempSync(join(tmpdir(), 'sae-record-'))));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes every exchange of a deploy, scrubbed, and the recording replays', async () => {
    const envSecret = `pw-${Math.random().toString(36).slice(2)}`;
    const ossSecret = `oss-${Math.random().toString(36).slice(2)}`;
    const inputs = emulatorInputs(h.sae.url, {
      'app-id': APP,
      'image-url': 'registry.cn-hangzhou.aliyuncs.com/ns/job:1',
      envs: `DB_PASSWORD=${envSecret}\nLEVEL=info`,
      command: 'sh',
      'command-args': `["-c", "login --token ${envSecret}"]`,
      'oss-ak-id': 'LTAI5tOssKey0000001',
      'oss-ak-secret': ossSecret,
      'oss-mount-descs': '[{"bucketName":"b","bucketPath":"d/","mountPath":"/data","readOnly":true}]',
      'mount-desc': '[{"mountPath":"/m","nasPath":"/"}]',
      'nas-id': 'n1',
      'mount-host': 'n1.nas.aliyuncs.com',
      'config-map-mount-desc': '[{"configMapId":16,"key":"test","mountPath":"/etc/a"}]',
      'run-after-deploy': 'true',
    });
    const run = await h.run({ inputs, env: { SAE_RECORD_DIR: dir } });
    expect(run.outputs.status).toBe('succeeded');
    const [folder, ...more] = readdirSync(dir);
    expect(more).toEqual([]);
    expect(run.stdout).toContain(`Recording every SAE exchange, scrubbed, in ${join(dir, folder!)}`);
    const files = readdirSync(join(dir, folder!));
    expect(files.length).toBe(h.sae.requests.length);
    expect(files.map((f) => f.replace(/^\d+-|\.json$/g, ''))).toEqual(h.sae.requests.map((r) => r.api));
    const text = files.map((f) => readFileSync(join(dir, folder!, f), 'utf8')).join('\n');
    for (const secret of [envSecret, ossSecret, TEST_KEY.secret, TEST_KEY.id, 'LTAI5tOssKey0000001'])
      expect(text).not.toContain(secret);
    expect(text).toContain('"source": "emulator"');
    // The replay needs its folder to say it holds an emulator's answers.
    const marked = join(dir, `emulator-${folder}`);
    rmSync(marked, { recursive: true, force: true });
    renameSync(join(dir, folder!), marked);
    expect(await replayProblems(marked, canned.client, canned.server)).toEqual([]);
  });

  it('a folder that cannot be written: one warning, the deploy goes on', async () => {
    const file = join(dir, 'not-a-folder');
    writeFileSync(file, '');
    const run = await h.run({
      inputs: emulatorInputs(h.sae.url, { 'app-id': APP, 'image-url': 'registry.cn-hangzhou.aliyuncs.com/ns/job:2' }),
      env: { SAE_RECORD_DIR: file },
    });
    expect(run.outputs.status).toBe('succeeded');
    expect(run.annotations.filter((a) => a.title === 'Not recorded')).toHaveLength(1);
    expect(existsSync(join(file, 'x'))).toBe(false);
  });
});
