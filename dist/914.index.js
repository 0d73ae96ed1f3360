export const id = 914;
export const ids = [914];
export const modules = {

/***/ 1914:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   postPlanComment: () => (/* binding */ postPlanComment)
/* harmony export */ });
/* unused harmony exports marker, pullRequestNumber, planComment */
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
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
function planComment(report) {
    return `${marker(report.appId)}\n${(0,_summary_js__WEBPACK_IMPORTED_MODULE_1__/* .renderSummary */ .Br)(report)}`;
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
    const api = (io.env.GITHUB_API_URL || 'https://api.github.com').replace(/\/$/, '');
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
        const mine = comments.find((c) => c.body?.includes(tag));
        if (mine)
            return (await call('PATCH', `/issues/comments/${mine.id}`, { body })).html_url;
        if (comments.length < 100)
            break;
    }
    return (await call('POST', `/issues/${number}/comments`, { body })).html_url;
}


/***/ })

};
