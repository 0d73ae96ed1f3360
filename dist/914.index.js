export const id = 914;
export const ids = [914];
export const modules = {

/***/ 1914:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   postPlanComment: () => (/* binding */ postPlanComment)
/* harmony export */ });
/* unused harmony exports marker, pullRequestNumber, MAX_COMMENT_CHARS, planComment, apiBase */
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _inputs_settings_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(900);
/* harmony import */ var _summary_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(7994);
// Posts the planned request of a dry run on the pull request, updating the action's earlier comment
// (found by a hidden marker) instead of adding one per run.
//
// Three REST calls, made with fetch: octokit (@actions/github) would add about 1 MB to the bundle for
// them, loaded on a path few runs take.



/** Identifies this action's comment for one job template. */
function marker(appId) {
    return `<!-- sae-job-deploy plan ${appId} -->`;
}
function pullRequestNumber(env) {
    try {
        const event = JSON.parse((0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readFileSync)(env.GITHUB_EVENT_PATH ?? '', 'utf8'));
        return event.pull_request?.number ?? event.number;
    }
    catch {
        return undefined;
    }
}
/** GitHub refuses a comment body longer than this (HTTP 422). */
const MAX_COMMENT_CHARS = 65536;
function planComment(report) {
    const body = `${marker(report.appId)}\n${(0,_summary_js__WEBPACK_IMPORTED_MODULE_1__/* .renderSummary */ .Br)(report)}`;
    if (body.length <= MAX_COMMENT_CHARS)
        return body;
    // Very large structured inputs: the table (values already shortened) fits; the full JSON stays in the
    // step's log and job summary.
    const cut = body.replace(/<details><summary>Request as JSON<\/summary>[\s\S]*?<\/details>\n/, '<details><summary>Request as JSON</summary>\n\nToo long for a comment: see the job summary or the log of this step.\n\n</details>\n');
    return cut.length <= MAX_COMMENT_CHARS ? cut : `${cut.slice(0, MAX_COMMENT_CHARS - 80)}\n\n…(cut: see the job summary of this step)\n`;
}
/** The REST API base: https, or plain http to this machine only, since the token goes with every call. */
function apiBase(env) {
    const text = (env.GITHUB_API_URL || 'https://api.github.com').replace(/\/+$/, '');
    let u;
    try {
        u = new URL(text);
    }
    catch {
        throw new Error(`GITHUB_API_URL "${text}" is not a URL`);
    }
    if (u.protocol !== 'https:' && !(u.protocol === 'http:' && (0,_inputs_settings_js__WEBPACK_IMPORTED_MODULE_2__/* .isLoopbackHost */ .cW)(u.hostname))) {
        throw new Error(`GITHUB_API_URL "${text}" is not https://, so github-token would cross the network unencrypted`);
    }
    return text;
}
async function postPlanComment(io, report, fetcher) {
    const token = io.getInput('github-token') || io.env.GITHUB_TOKEN || '';
    if (!token)
        throw new Error('github-token is empty');
    const number = pullRequestNumber(io.env);
    if (!number)
        throw new Error('the event has no pull request number');
    const repo = io.env.GITHUB_REPOSITORY ?? '';
    if (!/^[^/]+\/[^/]+$/.test(repo))
        throw new Error('GITHUB_REPOSITORY is not set');
    const api = apiBase(io.env);
    const call = async (method, path, body) => {
        const res = await fetcher(`${api}/repos/${repo}${path}`, {
            method,
            headers: {
                authorization: `Bearer ${token}`, accept: 'application/vnd.github+json', 'x-github-api-version': '2022-11-28',
                'user-agent': 'sae-job-deploy', ...(body ? { 'content-type': 'application/json' } : {}),
            },
            body: body ? JSON.stringify(body) : undefined,
            signal: AbortSignal.timeout(15_000),
        });
        if (!res.ok) {
            const detail = (await res.json().catch(() => ({}))).message;
            throw new Error(`GitHub answered ${method} ${path} with HTTP ${res.status}${detail ? ` (${detail})` : ''}`);
        }
        return (await res.json());
    };
    const tag = marker(report.appId);
    const body = planComment(report);
    for (let page = 1; page <= 20; page++) {
        const comments = await call('GET', `/issues/${number}/comments?per_page=100&page=${page}`);
        // The marker opens the body: a comment that merely mentions it (quoted, or pasted in a discussion) is not ours.
        const mine = comments.find((c) => c.body?.startsWith(tag));
        if (mine)
            return (await call('PATCH', `/issues/comments/${mine.id}`, { body })).html_url;
        if (comments.length < 100)
            break;
    }
    return (await call('POST', `/issues/${number}/comments`, { body })).html_url;
}


/***/ })

};
