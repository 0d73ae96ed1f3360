export const id = 914;
export const ids = [914];
export const modules = {

/***/ 1914:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   postPlanComment: () => (/* binding */ postPlanComment)
/* harmony export */ });
/* unused harmony exports marker, pullRequestNumber */
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _summary_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(7994);
// Posts the planned request of a dry run on the pull request, updating the action's earlier comment
// (found by a hidden marker) instead of adding one per run. Loaded only for that: octokit is heavy.


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
async function postPlanComment(io, report) {
    const token = io.getInput('github-token') || io.env.GITHUB_TOKEN || '';
    if (!token)
        throw new Error('github-token is empty');
    const number = pullRequestNumber(io.env);
    if (!number)
        throw new Error('the event has no pull request number');
    const [owner, repo] = (io.env.GITHUB_REPOSITORY ?? '').split('/');
    if (!owner || !repo)
        throw new Error('GITHUB_REPOSITORY is not set');
    const { getOctokit } = await Promise.all(/* import() */[__webpack_require__.e(119), __webpack_require__.e(413)]).then(__webpack_require__.bind(__webpack_require__, 2413));
    const octokit = getOctokit(token, { baseUrl: io.env.GITHUB_API_URL || 'https://api.github.com' });
    const tag = marker(report.appId);
    const body = `${tag}\n${(0,_summary_js__WEBPACK_IMPORTED_MODULE_1__/* .renderSummary */ .Br)(report)}\n<details><summary>Request as JSON</summary>\n\n\`\`\`json\n${JSON.stringify(report.parameters, null, 2)}\n\`\`\`\n</details>\n`;
    const comments = await octokit.paginate(octokit.rest.issues.listComments, { owner, repo, issue_number: number, per_page: 100 });
    const mine = comments.find((c) => c.body?.includes(tag));
    if (mine) {
        const { data } = await octokit.rest.issues.updateComment({ owner, repo, comment_id: mine.id, body });
        return data.html_url;
    }
    const { data } = await octokit.rest.issues.createComment({ owner, repo, issue_number: number, body });
    return data.html_url;
}


/***/ })

};
