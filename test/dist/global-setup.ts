// Starts the build the dist check compares with (build-cache.ts) before the tests, so it overlaps them;
// not when the command names test files and none is the dist check (`npx vitest run test/docs/readme.test.ts`).
import { freshBuild } from './build-cache.js';

let building: Promise<unknown> | undefined;

export function setup(): void {
  const args = process.argv.slice(2).filter((a) => !a.startsWith('-') && a !== 'run' && !a.endsWith('vitest.mjs'));
  const wanted = !args.length || args.some((a) => 'test/dist/dist.test.ts'.includes(a) || a.includes('test/dist'));
  if (wanted) building = freshBuild().catch(() => undefined); // on failure the dist test builds again and reports it
}

export async function teardown(): Promise<void> {
  await building;
}
