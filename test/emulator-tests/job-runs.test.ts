// ExecJob and DescribeJobStatus: one run per EventId, a run timeline over time, faults like every other API.
import { describe, expect, it } from 'vitest';
import { DEFAULT_APP_ID } from '../emulator/index.js';
import { emulatorFile, getApi, rejection } from './helpers.js';

const { emu, c, advance } = emulatorFile({}, { manualClock: true });

const exec = async (query: Record<string, string> = {}) =>
  (await getApi(c, 'ExecJob', { AppId: DEFAULT_APP_ID, ...query })).Data!;
const status = async (jobId: string) =>
  (await getApi(c, 'DescribeJobStatus', { AppId: DEFAULT_APP_ID, JobId: jobId })).Data!;

describe('job runs', () => {
  it('ExecJob answers as the SDK model has it: the job id in Data.Data, Success as a string', async () => {
    const data = await exec({ EventId: 'gha-1-1-abc' });
    expect(data).toMatchObject({ Code: '200', Success: 'true', Msg: 'success' });
    expect(data['Data']).toMatch(/^manual-[0-9a-f-]{36}$/);
  });

  it('the same EventId starts one run; another EventId (or none) starts another', async () => {
    const a = await exec({ EventId: 'gha-1-1-abc' });
    const b = await exec({ EventId: 'gha-1-1-abc' });
    const other = await exec({ EventId: 'gha-1-2-def' });
    const none = await exec();
    expect(b['Data']).toBe(a['Data']);
    expect(other['Data']).not.toBe(a['Data']);
    expect(none['Data']).not.toBe(a['Data']);
    expect(emu.jobRuns.size).toBe(3);
  });

  it('refuses an EventId outside letters, digits and "-" (at most 64), and unknown templates', async () => {
    expect((await rejection(exec({ EventId: 'a_b' }))).code).toBe('InvalidParameter.Obviously');
    expect((await rejection(exec({ EventId: 'a'.repeat(65) }))).code).toBe('InvalidParameter.Obviously');
    expect((await rejection(getApi(c, 'ExecJob', { AppId: 'nope' }))).code).toBe('InvalidApplication.NotFound');
    expect(emu.jobRuns.size).toBe(0);
  });

  it('a run follows its plan: counts, epoch-second times, a failure message; State as a string', async () => {
    emu.setJobPlan([
      { state: '3', active: 1, forMs: 60 },
      { state: '2', failed: 1, message: 'BackoffLimitExceeded' },
    ]);
    const id = (await exec({ EventId: 'x' }))['Data'] as string;
    const running = await status(id);
    expect(running).toMatchObject({ JobId: id, State: '3', Active: 1, Succeeded: 0, Failed: 0, Message: '' });
    expect(running['StartTime']).toBe(Math.floor(emu.jobRuns.get(id)!.createdAt / 1000));
    expect(running['CompletionTime']).toBeUndefined();
    advance(80);
    const failed = await status(id);
    expect(failed).toMatchObject({ State: '2', Active: 0, Failed: 1, Message: 'BackoffLimitExceeded' });
    expect(failed['CompletionTime']).toBeGreaterThanOrEqual(failed['StartTime'] as number);
  });

  it('a stuck run stays running', async () => {
    emu.setJobPlan([{ state: '3', active: 1 }]);
    const id = (await exec())['Data'] as string;
    advance(50);
    expect(await status(id)).toMatchObject({ State: '3', Active: 1 });
  });

  it('an unknown job is an error; faults apply as to every API', async () => {
    expect((await rejection(status('manual-none'))).code).toBe('InvalidParameter.WithMessage');
    emu.script({ api: 'DescribeJobStatus', error: { status: 400, code: 'Throttling.User' } });
    const id = (await exec())['Data'] as string;
    expect((await rejection(status(id))).code).toBe('Throttling.User');
    expect((await status(id))['State']).toBe('3');
    emu.script({ api: 'ExecJob', acceptThenReset: true });
    await expect(exec({ EventId: 'lost' })).rejects.toThrow();
    expect([...emu.jobRuns.values()].filter((j) => j.eventId === 'lost')).toHaveLength(1);
  });
});
