// trigger-config's cron fields in range (src/inputs/bounds.ts): refused with the field named, or accepted.
import { describe, expect, it } from 'vitest';
import { cronRangeProblem } from '../../../src/inputs/bounds.js';
describe('cron ranges', () => {
  it.each([
    ['60 25 32 13 8', /minute field "60" holds 60/],
    ['0 25 * * *', /hour field "25"/],
    ['0 0 0 * *', /day of month field "0"/],
    ['*/0 * * * *', /step "0"/],
    ['0 0 12 * * 9', /day of week field "9"/],
  ])('%s is refused', (cron, reason) => {
    expect(cronRangeProblem(cron.split(' '))).toMatch(reason);
  });
  it.each([
    '0 1 */1 * ?',
    '0 0/5 14,18 ? * MON-FRI',
    '0 15 10 ? * 6#3',
    '0 0 L * ?',
    '59 23 31 12 7',
    '0 0 12 1/2 * ? 2030',
  ])('%s is accepted', (cron) => {
    expect(cronRangeProblem(cron.split(' '))).toBeUndefined();
  });
});
