// The smallest real @actions/core action: reads an input, sets an output, logs a line. scripts/bench.ts
// bundles it the way the action is bundled (ncc, minified, ESM) and times its start → exit as the anchor of
// the action's start-up figure.
import * as core from '@actions/core';

core.setOutput('echo', core.getInput('app-id'));
core.info('done');
