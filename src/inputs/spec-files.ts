// Which files the `spec` input names: one path or glob per line, relative to the workspace (the repository's
// checkout). Every line must match something, and nothing outside the workspace is read: a spec is part of
// the repository, not of the runner.
import { readFile, stat } from 'node:fs/promises';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { SPEC_INVALID, problem, type Problem } from './problems.js';

const GLOB = /[*?[\]{}!]/;

export type SpecFiles = { ok: true; files: string[] } | { ok: false; problems: Problem[] };

/** The lines of the spec input: paths or globs, blank lines and `#` comments skipped. */
export function specPatterns(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
}

const posix = (path: string) => path.split(sep).join('/');

/**
 * The files the spec input names, relative to the workspace with forward slashes, sorted, each once. A line that
 * matches no file, or reaches outside the workspace, is a problem of its own.
 */
export async function resolveSpecFiles(text: string, workspace: string): Promise<SpecFiles> {
  const problems: Problem[] = [];
  const found = new Set<string>();
  const root = resolve(workspace);
  for (const line of specPatterns(text)) {
    const outside = isAbsolute(line)
      ? relative(root, line).startsWith('..') || isAbsolute(relative(root, line))
      : posix(line).split('/').includes('..');
    if (outside) {
      problems.push(
        problem(
          'spec',
          SPEC_INVALID,
          `spec names ${line}, which is outside the workspace (${root}). A spec is a file of the repository: give its path relative to the repository root, e.g. spec: .sae/report-job.yaml.`,
        ),
      );
      continue;
    }
    let matched: string[];
    if (GLOB.test(line)) {
      // Loaded only for a glob: a plain path needs no library.
      const { glob } = await import('tinyglobby');
      matched = await glob([posix(isAbsolute(line) ? relative(root, line) : line)], {
        cwd: root,
        dot: true,
        onlyFiles: true,
        ignore: ['**/node_modules/**', '**/.git/**'],
        expandDirectories: false,
      });
    } else {
      const path = resolve(root, line);
      matched = (await stat(path).then(
        (s) => s.isFile(),
        () => false,
      ))
        ? [posix(relative(root, path))]
        : [];
    }
    if (!matched.length) {
      problems.push(
        problem(
          'spec',
          SPEC_INVALID,
          `spec: ${GLOB.test(line) ? 'no file matches' : 'there is no file'} ${line} in the workspace (${root}). Give the path relative to the repository root, e.g. spec: .sae/report-job.yaml, and check out the repository (actions/checkout) before this step.`,
        ),
      );
    }
    for (const m of matched) found.add(posix(m));
  }
  if (problems.length) return { ok: false, problems };
  if (!found.size)
    return {
      ok: false,
      problems: [
        problem(
          'spec',
          SPEC_INVALID,
          'spec names no file. Give the path of a spec file, e.g. spec: .sae/report-job.yaml.',
        ),
      ],
    };
  return { ok: true, files: [...found].sort() };
}

/** A spec file's text; a file that cannot be read is a problem. */
export async function readSpecFile(
  workspace: string,
  file: string,
): Promise<{ ok: true; text: string } | { ok: false; problem: Problem }> {
  try {
    return { ok: true, text: await readFile(resolve(workspace, file), 'utf8') };
  } catch (e) {
    return {
      ok: false,
      problem: problem(
        'spec',
        SPEC_INVALID,
        `spec ${file} could not be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}).`,
      ),
    };
  }
}
