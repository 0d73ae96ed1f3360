// Reads the UpdateJob parameter inputs through the table: each non-empty input is parsed by its kind
// and checked on its own. Rules between parameters are in rules.ts.
import type { GetInput, OptionOf } from '../contract/action-inputs.js';
import { PARAMETERS, PARAMETER_BY_INPUT, type Parameter, type ParameterInput } from '../contract/parameters.js';
import { INPUT_CONFLICT, INPUT_INVALID, problem, warning, type Problem } from './problems.js';

import { readStructured } from './structured.js';
import { checkSize } from './bounds.js';
import { checkFormat } from './formats.js';
import { parseBoolean, parseInteger, splitList } from './values.js';

/** A parameter the request will carry. */
export interface ParameterValue {
  readonly param: Parameter;
  /** The typed value: text, number, boolean or the parsed structure. */
  readonly value: unknown;
  /** Exactly what goes on the wire. */
  readonly wire: string;
}

export interface ReadParameters {
  /** Set parameters, by input name, in table order. */
  readonly values: Map<ParameterInput, ParameterValue>;
  /** Inputs listed in `clear`, sent as "". */
  readonly cleared: readonly Parameter[];
  readonly problems: Problem[];
}

export interface BuildContext {
  /** GITHUB_REF, e.g. refs/tags/v1.2.3. */
  readonly ref?: string;
  /** GITHUB_SHA. */
  readonly sha?: string;
  /** envs-strategy: with merge, an env var given as null is removed from the template's. */
  readonly envsStrategy?: OptionOf<'envs-strategy'>;
}

const INVALID_PARAMETER = 'InvalidParameter.WithMessage';

function suggestion(value: string, options: readonly string[]): string {
  const same = options.find((o) => o.toLowerCase() === value.toLowerCase());
  return same ? ` Did you mean ${same}?` : '';
}

async function readOne(param: Parameter, text: string, problems: Problem[]): Promise<ParameterValue | undefined> {
  const { input } = param;
  switch (param.kind) {
    case 'string': {
      if (param.oneOf && !param.oneOf.includes(text)) {
        problems.push(
          problem(
            input,
            INVALID_PARAMETER,
            `${input} is "${text}", which SAE does not accept.${suggestion(text, param.oneOf)} Use one of: ${param.oneOf.join(', ')}.`,
          ),
        );
        return undefined;
      }
      if (param.documented && !param.documented.includes(text)) {
        problems.push(
          warning(
            input,
            `${input} is "${text}", which is not among the values SAE documents (${param.documented.join(', ')}).${suggestion(text, param.documented)} It is sent as given; SAE answers InvalidComponent.NotFound if it does not know it.`,
          ),
        );
      }
      return { param, value: text, wire: text };
    }
    case 'integer': {
      const n = parseInteger(text, param.min, param.max);
      if (!n.ok) {
        const range =
          param.max !== undefined
            ? ` from ${param.min} to ${param.max}`
            : param.min !== undefined
              ? ` of at least ${param.min}`
              : '';
        problems.push(
          problem(
            input,
            INVALID_PARAMETER,
            `${input}: ${n.reason}. Give a whole number${range}, e.g. ${input}: ${param.example}.`,
          ),
        );
        return undefined;
      }
      return { param, value: n.value, wire: String(n.value) };
    }
    case 'boolean': {
      const b = parseBoolean(text);
      if (!b.ok) {
        problems.push(
          problem(
            input,
            INVALID_PARAMETER,
            `${input}: ${b.reason}. Use true or false, e.g. ${input}: ${param.example}.`,
          ),
        );
        return undefined;
      }
      return { param, value: b.value, wire: String(b.value) };
    }
    case 'json': {
      const parsed = await readStructured(param.input, text);
      if (!parsed.ok) {
        problems.push(
          problem(
            input,
            INVALID_PARAMETER,
            `${input} could not be read: ${parsed.reason}. Give JSON or YAML, e.g. ${input}: '${param.example}'.`,
          ),
        );
        return undefined;
      }
      let bad = false;
      // zod loads only when a structured input is given: a run without one never pays for it.
      const { checkShape } = await import('./shapes.js');
      const { plain, stringifyExact } = await import('./exact.js');
      const value = plain(parsed.value);
      for (const issue of checkShape(param.input, value)) {
        if (issue.unknownKey) {
          problems.push(
            warning(
              input,
              `${issue.path} ${issue.message}, which SAE does not document; check the spelling. It is sent as given.`,
            ),
          );
        } else {
          bad = true;
          problems.push(
            problem(
              input,
              INVALID_PARAMETER,
              `${issue.path} ${issue.message}. For example: ${input}: '${param.example}'.`,
            ),
          );
        }
      }
      if (bad) return undefined;
      // The wire keeps every number as written; checks and rules see plain values.
      return { param, value, wire: stringifyExact(parsed.value) };
    }
  }
}

/** The version SAE needs with every package URL: the tag being built without a leading v, else the short SHA. */
export function defaultPackageVersion(context: BuildContext): string | undefined {
  const tag = context.ref?.startsWith('refs/tags/') ? context.ref.slice('refs/tags/'.length) : undefined;
  if (tag) return tag.replace(/^v(?=\d)/, '');
  return context.sha ? context.sha.slice(0, 7) : undefined;
}

export async function readParameters(getInput: GetInput): Promise<ReadParameters> {
  const problems: Problem[] = [];
  // app-name names the template instead (identity.ts reads it; deploy/identify.ts finds its id). app-id's own
  // shape is checked with the other parameters (its format: inputs/formats.ts).
  if (!getInput('app-id') && !getInput('app-name')) {
    problems.push(
      problem(
        'app-id',
        'InvalidParameter.NotEmpty',
        'app-id is empty: SAE needs the id of the job template to update. Set app-id, e.g. app-id: 7171a6ca-d1cd-4928-8642-7d5cfe69aaaa, or name the template with app-name.',
      ),
    );
  }
  const values = new Map<ParameterInput, ParameterValue>();
  for (const param of PARAMETERS) {
    const text = getInput(param.input);
    if (text === '') continue;
    const wrong =
      checkSize(param, text) ?? (param.format && checkFormat(param.input, text, param.format, INVALID_PARAMETER));
    if (wrong) {
      problems.push(wrong);
      continue;
    }
    const v = await readOne(param, text, problems);
    if (v) values.set(param.input, v);
  }

  const cleared: Parameter[] = [];
  for (const name of splitList(getInput('clear'))) {
    const param = PARAMETER_BY_INPUT.get(name);
    if (!param) {
      problems.push(
        problem(
          'clear',
          INPUT_INVALID,
          `clear names "${name}", which is not an UpdateJob parameter input. List parameter inputs such as: clear: sls-configs nas-id.`,
        ),
      );
    } else if (param.required) {
      problems.push(
        problem('clear', INPUT_INVALID, `clear names ${name}, which cannot be cleared. Remove it from clear.`),
      );
    } else if (getInput(param.input) !== '') {
      problems.push(
        problem(
          param.input,
          INPUT_CONFLICT,
          `${name} is set and also listed in clear. Remove it from clear to set it, or leave ${name} empty to clear it.`,
        ),
      );
    } else if (!cleared.includes(param)) {
      cleared.push(param);
      if (!param.clearDocumented) {
        problems.push(
          warning(
            'clear',
            `clear sends ${param.wire}="", which SAE documents as "remove this setting" only for NasId, MountHost, MountDesc, SlsConfigs and TomcatConfig; check the result for ${name}.`,
          ),
        );
      }
    }
  }

  return { values, cleared, problems };
}
