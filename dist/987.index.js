export const id = 987;
export const ids = [987];
export const modules = {

/***/ 9987:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   failureDetails: () => (/* binding */ failureDetails),
/* harmony export */   waitForChangeOrder: () => (/* binding */ waitForChangeOrder)
/* harmony export */ });
/* harmony import */ var _sae_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(172);
/* harmony import */ var _sae_retry_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(705);
/* harmony import */ var _status_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(5836);



async function waitForChangeOrder(o) {
    const start = o.clock.now();
    const history = [];
    const said = new Set();
    const confirmed = new Set();
    let polls = 0;
    let failures = 0;
    let order;
    let info;
    const once = (key, event) => {
        if (!said.has(key)) {
            said.add(key);
            o.onEvent(event);
        }
    };
    for (;;) {
        if (o.signal?.aborted)
            return { outcome: 'cancelled', order, info, polls, history };
        try {
            polls++;
            order = await o.api.describeChangeOrder(o.changeOrderId);
            failures = 0;
            info = (0,_status_js__WEBPACK_IMPORTED_MODULE_2__/* .describeStatus */ .Wn)(order.status, order.subStatus);
            const last = history[history.length - 1];
            if (!last || last.status !== order.status || last.subStatus !== order.subStatus) {
                const elapsedMs = o.clock.now() - start;
                history.push({ atMs: elapsedMs, status: order.status, subStatus: order.subStatus, label: info.label });
                o.onEvent({ type: 'status', order, info, elapsedMs });
            }
            if (info.outcome)
                return { outcome: info.outcome, order, info, polls, history };
            if (!(0,_status_js__WEBPACK_IMPORTED_MODULE_2__/* .isKnownStatus */ .ih)(order.status))
                once(`unknown-${order.status}`, { type: 'unknown-status', status: order.status });
            if (order.status === 11)
                once('approval', { type: 'awaiting-approval' });
            if (order.status === 8) {
                const pipelineId = order.currentPipelineId;
                if (!o.confirmBatches) {
                    once(`confirm-${pipelineId}`, { type: 'needs-confirmation', pipelineId });
                }
                else if (pipelineId && !confirmed.has(pipelineId)) {
                    confirmed.add(pipelineId);
                    try {
                        await o.api.confirmPipelineBatch(pipelineId);
                        o.onEvent({ type: 'confirmed', pipelineId });
                        continue; // look again at once: the next batch has started
                    }
                    catch (e) {
                        if (!(e instanceof _sae_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .SaeError */ .Ak))
                            throw e;
                        confirmed.delete(pipelineId);
                        o.onEvent({ type: 'confirm-failed', pipelineId, error: e });
                    }
                }
            }
        }
        catch (e) {
            // Reads are safe to repeat: a transient failure only costs a poll. Anything else ends the wait, and
            // so does an answer that stays broken (a wrong endpoint should not look like a slow deploy).
            if (!(e instanceof _sae_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .SaeError */ .Ak) || !(0,_sae_retry_js__WEBPACK_IMPORTED_MODULE_1__/* .isTransient */ .dg)(e) || ++failures >= (o.maxConsecutiveErrors ?? 5))
                throw e;
            o.onEvent({ type: 'poll-error', error: e });
        }
        const now = o.clock.now();
        if (now >= o.deadline)
            return { outcome: 'timed-out', order, info, polls, history };
        const delay = Math.min(o.schedule.next(now - start), o.deadline - now);
        await o.clock.sleep(delay, o.signal);
    }
}
/** The failing stages and tasks of a failed order, as lines `Stage / Task: CODE message`. */
async function failureDetails(api, order) {
    const ids = new Set(order.pipelines.filter((p) => [3, 6, 10].includes(p.status)).map((p) => p.pipelineId));
    if (ids.size === 0 && order.currentPipelineId)
        ids.add(order.currentPipelineId);
    const lines = [];
    for (const id of ids) {
        try {
            const pipeline = await api.describePipeline(id);
            for (const stage of pipeline.stages) {
                for (const task of stage.tasks) {
                    if ([3, 6].includes(task.status) || task.errorCode || task.errorMessage) {
                        const what = [task.errorCode, task.errorMessage || task.message].filter(Boolean).join(' ');
                        lines.push(`${stage.name} / ${task.name}: ${what || (0,_status_js__WEBPACK_IMPORTED_MODULE_2__/* .describeStatus */ .Wn)(task.status).label}`);
                    }
                }
            }
        }
        catch (e) {
            if (!(e instanceof _sae_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .SaeError */ .Ak))
                throw e;
            lines.push(`(the details of pipeline ${id} could not be read: ${e.code} ${e.message})`);
        }
    }
    return lines;
}


/***/ }),

/***/ 705:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   LH: () => (/* binding */ withRetries),
/* harmony export */   LR: () => (/* binding */ mayHaveActed),
/* harmony export */   dg: () => (/* binding */ isTransient),
/* harmony export */   yj: () => (/* binding */ isSafeToResend)
/* harmony export */ });
/* unused harmony exports isThrottling, DEFAULT_BACKOFF, retryDelay */
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(172);
// The retry policy, in one place: which failures are worth another try, how long to wait, and which
// UpdateJob failures are safe to retry (UpdateJob creates a change order, so a blind retry could make two).

const TRANSIENT_CODES = new Set([
    'ServiceUnavailable', 'InternalError', 'System.Upgrading', 'Application.InvalidStatus', 'LogService.InternalError',
]);
function isThrottling(code) {
    return /^Throttling/.test(code);
}
/** Worth another try for a read (Describe*, List*): the call changes nothing. */
function isTransient(err) {
    if (err.kind === 'timeout' || err.kind === 'connection')
        return true;
    if (err.httpStatus !== undefined && err.httpStatus >= 500)
        return true;
    // An unreadable answer is worth another read; a write is judged by isSafeToResend and mayHaveActed.
    if (err.kind === 'format')
        return true;
    return isThrottling(err.code) || TRANSIENT_CODES.has(err.code);
}
/**
 * Safe to send UpdateJob again: SAE cannot have acted. Throttling and System.Upgrading are refusals
 * before any change; a refused connection never reached SAE. A timeout or a reset after sending may
 * have created a change order: the caller must look for it first (see deploy/submit.ts).
 */
function isSafeToResend(err) {
    if (err.kind === 'connection' && !err.mayHaveReachedServer)
        return true;
    return err.kind === 'api' && (isThrottling(err.code) || err.code === 'System.Upgrading');
}
/**
 * UpdateJob may have been carried out although no good answer came back: the answer was lost after
 * sending (timeout, reset), or a 5xx / unreadable answer came from something between us and SAE.
 */
function mayHaveActed(err) {
    if (err.kind === 'timeout' || err.kind === 'connection')
        return err.mayHaveReachedServer;
    if (err.kind === 'format')
        return true;
    return err.httpStatus !== undefined && err.httpStatus >= 500;
}
const DEFAULT_BACKOFF = { baseMs: 1000, capMs: 20_000 };
/** Exponential backoff with full jitter; a server's x-acs-retry-after wins when it asks for longer. */
function retryDelay(attempt, err, backoff = DEFAULT_BACKOFF, random = Math.random) {
    const ceiling = Math.min(backoff.capMs, backoff.baseMs * 2 ** attempt);
    const jittered = Math.floor(random() * ceiling);
    const floor = isThrottling(err.code) ? Math.min(ceiling, 2000) / 2 : 0;
    return Math.max(jittered, floor, err.retryAfterMs ?? 0);
}
async function withRetries(call, o) {
    for (let attempt = 0;; attempt++) {
        try {
            return await call();
        }
        catch (e) {
            if (!(e instanceof _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .SaeError */ .Ak) || attempt >= o.maxRetries || !o.shouldRetry(e))
                throw e;
            const delay = retryDelay(attempt, e, o.backoff, o.random);
            if (o.now() + delay >= o.deadline)
                throw e;
            o.onRetry?.(e, attempt + 1, delay);
            await o.sleep(delay);
        }
    }
}


/***/ })

};
