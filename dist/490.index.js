export const id = 490;
export const ids = [490,987];
export const modules = {

/***/ 6490:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   submitUpdateJob: () => (/* binding */ submitUpdateJob)
/* harmony export */ });
/* unused harmony exports BUSY, BusyError, AmbiguousSubmitError */
/* harmony import */ var _sae_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(172);
/* harmony import */ var _sae_retry_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(705);
/* harmony import */ var _status_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(5836);
/* harmony import */ var _wait_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(9987);




const BUSY = 'Application.ChangerOrderRunning';
const MISSING_ORDER = 'InvalidResponse.MissingChangeOrderId';
/** After a reset or a 5xx the request was over on SAE's side: an order it made is listed at once. */
const ANSWERED_GRACE_MS = 2000;
/** The template is busy and the action will not (or can no longer) wait. */
class BusyError extends _sae_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .SaeError */ .Ak {
    runningOrderId;
    waited;
    constructor(cause, runningOrderId, waited) {
        super(cause.api, cause.kind, cause.code, cause.message, cause.httpStatus, cause.requestId);
        this.runningOrderId = runningOrderId;
        this.waited = waited;
    }
}
/** UpdateJob may or may not have created a change order, and none could be found. */
class AmbiguousSubmitError extends _sae_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .SaeError */ .Ak {
    ambiguous = true;
    constructor(cause) {
        super(cause.api, cause.kind, cause.code, cause.message, cause.httpStatus, cause.requestId, undefined, true);
    }
}
async function submitUpdateJob(o) {
    const previousOrders = [];
    const result = await submit(o, previousOrders);
    return { ...result, previousOrders };
}
async function submit(o, previousOrders) {
    const reads = (call) => (0,_sae_retry_js__WEBPACK_IMPORTED_MODULE_1__/* .withRetries */ .LH)(call, {
        maxRetries: o.maxRetries, deadline: o.deadline, shouldRetry: _sae_retry_js__WEBPACK_IMPORTED_MODULE_1__/* .isTransient */ .dg, sleep: (ms) => o.clock.sleep(ms, o.signal), now: o.clock.now,
        random: o.random, onRetry: (error, attempt, delayMs) => o.onEvent({ type: 'retry', error, attempt, delayMs }),
    });
    // The orders that exist before the call, so an order created by a call whose answer was lost can be
    // told apart from older ones. Without this list such a call cannot be resolved, but the deploy goes on.
    let known;
    try {
        previousOrders.push(...(await reads(() => o.api.listChangeOrders(o.appId, 10))));
        known = new Set(previousOrders.map((c) => c.changeOrderId));
    }
    catch (e) {
        if (!(e instanceof _sae_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .SaeError */ .Ak))
            throw e;
        o.onEvent({ type: 'snapshot-failed', error: e });
    }
    let waitedForBusy = false;
    let lostAnswer = false;
    for (;;) {
        try {
            return await (0,_sae_retry_js__WEBPACK_IMPORTED_MODULE_1__/* .withRetries */ .LH)(async () => {
                try {
                    const result = await o.api.updateJob(o.request);
                    if (result.changeOrderId)
                        return result;
                    // Accepted, but no order id to follow: find the order the call created, or say so.
                    const found = await findNewOrder(o.api, o.appId, known, reads);
                    if (found && found !== 'unknown') {
                        o.onEvent({ type: 'recovered', changeOrderId: found.changeOrderId });
                        return { ...result, changeOrderId: found.changeOrderId };
                    }
                    throw new _sae_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .SaeError */ .Ak('UpdateJob', 'format', MISSING_ORDER, 'SAE accepted UpdateJob but its answer names no change order, and none could be found among the template\'s change orders', 200, result.requestId);
                }
                catch (e) {
                    if (e instanceof _sae_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .SaeError */ .Ak && e.code === MISSING_ORDER)
                        throw new AmbiguousSubmitError(e);
                    if (!(e instanceof _sae_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .SaeError */ .Ak) || (0,_sae_retry_js__WEBPACK_IMPORTED_MODULE_1__/* .isSafeToResend */ .yj)(e) || !(0,_sae_retry_js__WEBPACK_IMPORTED_MODULE_1__/* .mayHaveActed */ .LR)(e))
                        throw e;
                    // The answer was lost after the request was sent: SAE may have created the order.
                    lostAnswer = true;
                    const found = await lookForNewOrder(o, known, reads, e.kind === 'timeout' ? o.lostAnswerGraceMs : ANSWERED_GRACE_MS);
                    if (found === 'unknown')
                        throw new AmbiguousSubmitError(e);
                    if (found) {
                        o.onEvent({ type: 'recovered', changeOrderId: found.changeOrderId });
                        return { appId: o.appId, changeOrderId: found.changeOrderId, requestId: e.requestId ?? '', traceId: '' };
                    }
                    throw e; // no new order: SAE did not act, so sending again is safe
                }
            }, {
                maxRetries: o.maxRetries,
                deadline: o.deadline,
                shouldRetry: (e) => (0,_sae_retry_js__WEBPACK_IMPORTED_MODULE_1__/* .isSafeToResend */ .yj)(e) || ((0,_sae_retry_js__WEBPACK_IMPORTED_MODULE_1__/* .mayHaveActed */ .LR)(e) && !(e instanceof AmbiguousSubmitError)),
                sleep: (ms) => o.clock.sleep(ms, o.signal),
                now: o.clock.now,
                random: o.random,
                onRetry: (error, attempt, delayMs) => o.onEvent({ type: 'retry', error, attempt, delayMs }),
            });
        }
        catch (e) {
            if (!(e instanceof _sae_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .SaeError */ .Ak) || e.code !== BUSY || e instanceof BusyError)
                throw e;
            const running = await findRunningOrder(o.api, o.appId, reads);
            if (running && lostAnswer && known && !known.has(running.changeOrderId)) {
                // The order SAE registered late for the call whose answer was lost: it is ours, not another's.
                o.onEvent({ type: 'recovered', changeOrderId: running.changeOrderId });
                return { appId: o.appId, changeOrderId: running.changeOrderId, requestId: e.requestId ?? '', traceId: '' };
            }
            o.onEvent({ type: 'busy', runningOrderId: running?.changeOrderId });
            if (o.ifBusy === 'fail' || waitedForBusy || !running)
                throw new BusyError(e, running?.changeOrderId, undefined);
            waitedForBusy = true;
            const result = await (0,_wait_js__WEBPACK_IMPORTED_MODULE_3__.waitForChangeOrder)({
                api: o.api, changeOrderId: running.changeOrderId, deadline: o.deadline, confirmBatches: false,
                clock: o.clock, schedule: o.schedule, signal: o.signal,
                onEvent: (event) => o.onEvent({ type: 'busy-wait', event }),
            });
            o.onEvent({ type: 'busy-ended', result });
            if (result.outcome === 'timed-out' || result.outcome === 'cancelled')
                throw new BusyError(e, running.changeOrderId, result);
            // The other order ended (whatever its result): try once more.
        }
    }
}
/** Looks for the order of a lost call until it shows up or the grace period ends (one list a second). */
async function lookForNewOrder(o, known, reads, graceMs) {
    const until = Math.min(o.clock.now() + graceMs, o.deadline);
    for (;;) {
        const found = await findNewOrder(o.api, o.appId, known, reads);
        if (found !== undefined || o.clock.now() + 1000 > until || o.signal?.aborted)
            return found;
        await o.clock.sleep(1000, o.signal);
    }
}
/** The order a lost call created, undefined when there is none, 'unknown' when that cannot be told. */
async function findNewOrder(api, appId, known, reads) {
    if (!known)
        return 'unknown';
    try {
        const orders = await reads(() => api.listChangeOrders(appId, 10));
        return orders.find((c) => !known.has(c.changeOrderId));
    }
    catch {
        return 'unknown';
    }
}
async function findRunningOrder(api, appId, reads) {
    try {
        const orders = await reads(() => api.listChangeOrders(appId, 10));
        return orders.find((c) => _status_js__WEBPACK_IMPORTED_MODULE_2__/* .RUNNING_STATUSES */ .$Q.includes(c.status));
    }
    catch {
        return undefined;
    }
}


/***/ }),

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
