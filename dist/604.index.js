export const id = 604;
export const ids = [604];
export const modules = {

/***/ 2604:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  SaeClient: () => (/* binding */ SaeClient)
});

// EXTERNAL MODULE: ./src/sae/errors.ts
var errors = __webpack_require__(172);
// EXTERNAL MODULE: external "node:http"
var external_node_http_ = __webpack_require__(7067);
var external_node_http_default = /*#__PURE__*/__webpack_require__.n(external_node_http_);
// EXTERNAL MODULE: external "node:https"
var external_node_https_ = __webpack_require__(4708);
var external_node_https_default = /*#__PURE__*/__webpack_require__.n(external_node_https_);
;// CONCATENATED MODULE: ./src/sae/transport.ts
// An http(s) Agent that records the status and headers of each response. pop-core returns only bodies,
// but the retry policy needs x-acs-retry-after and a text body needs its HTTP status to be judged.


function capturingAgent(isHttps) {
    let meta = {};
    const agent = isHttps ? new (external_node_https_default()).Agent({ keepAlive: true }) : new (external_node_http_default()).Agent({ keepAlive: true });
    const original = agent.addRequest.bind(agent);
    agent.addRequest = (req, options) => {
        req.once('response', (res) => {
            meta = { status: res.statusCode, headers: res.headers };
        });
        original(req, options);
    };
    return {
        agent,
        last: () => meta,
        reset: () => {
            meta = {};
        },
    };
}

// EXTERNAL MODULE: ./src/request/build.ts
var build = __webpack_require__(8817);
// EXTERNAL MODULE: ./src/inputs/settings.ts
var settings = __webpack_require__(900);
// EXTERNAL MODULE: ./src/credentials/errors.ts
var credentials_errors = __webpack_require__(4011);
;// CONCATENATED MODULE: ./src/sae/client.ts
// The SAE API client over pop-core's ROAClient: UpdateJob and the change-order calls, typed answers,
// and one error type (SaeError) for every failure shape pop-core produces.





const isProvider = (c) => typeof c.getCredentials === 'function';
// json-bigint turns numeric literals longer than 15 characters into BigNumber objects: String() and
// Number() read those as well as plain values.
const str = (v) => (v === undefined || v === null ? '' : String(v));
const num = (v) => {
    const n = Number(str(v));
    return str(v) === '' || !Number.isFinite(n) ? NaN : n;
};
const obj = (v) => (v && typeof v === 'object' && !Array.isArray(v) ? v : {});
/** Older docs render some lists as an object of entries: accept both. */
const arr = (v) => (Array.isArray(v) ? v : v && typeof v === 'object' ? Object.values(v) : []).map(obj);
const API_VERSION = '2019-05-06';
const CHANGE_ORDER = '/pop/v1/sam/changeorder';
/** A call after the deadline (an abort, the failure details) still gets this long. */
const PAST_DEADLINE_MS = 5000;
class SaeClient {
    roa;
    transport;
    o;
    constructor(roa, transport, o) {
        this.roa = roa;
        this.transport = transport;
        this.o = o;
    }
    /** The request timeout, shortened so that the step never outlives wait-timeout by more than a few seconds. */
    timeoutMs() {
        if (this.o.deadline === undefined)
            return this.o.requestTimeoutMs;
        const left = this.o.deadline + PAST_DEADLINE_MS - (this.o.now ?? Date.now)();
        return Math.max(1000, Math.min(this.o.requestTimeoutMs, left));
    }
    /** Loads pop-core only when a call is about to be made: bad input and dry runs never pay for it. */
    static async create(o) {
        // Checked again here, whoever built the options: credentials never travel over plain http off this machine.
        const checked = (0,settings/* checkEndpointUrl */.LE)(o.endpoint);
        if (!checked.ok)
            throw new errors/* SaeError */.Ak('client', 'connection', 'Endpoint.Insecure', checked.reason, undefined, undefined, undefined, false);
        // pop-core's `debug('roa')` prints every string to sign, which holds the security token, when DEBUG
        // matches: a job-wide DEBUG=* must not leak it. The flag is read once, when pop-core loads.
        const debug = process.env.DEBUG;
        delete process.env.DEBUG;
        const mod = (await __webpack_require__.e(/* import() */ 511).then(__webpack_require__.t.bind(__webpack_require__, 511, 23)).finally(() => {
            if (debug !== undefined)
                process.env.DEBUG = debug;
        }));
        const ROAClient = (mod.ROAClient ?? mod.default?.ROAClient);
        const transport = capturingAgent(checked.url.startsWith('https:'));
        const c = o.credentials;
        const roa = new ROAClient({
            endpoint: checked.url,
            apiVersion: API_VERSION,
            ...(isProvider(c)
                ? { credentialsProvider: c }
                : { accessKeyId: c.accessKeyId, accessKeySecret: c.accessKeySecret, securityToken: c.securityToken || undefined }),
            opts: { agent: transport.agent, timeout: o.requestTimeoutMs },
        });
        return new SaeClient(roa, transport, o);
    }
    /** One call; resolves with the envelope of a successful answer, rejects with a SaeError. */
    async call(api, method, path, query, body) {
        this.transport.reset();
        let result;
        const headers = body === undefined ? {} : { 'content-type': 'application/x-www-form-urlencoded' };
        try {
            result = await this.roa.request(method, path, query, body ?? '', headers, { timeout: this.timeoutMs() });
        }
        catch (thrown) {
            // The credentials provider could not renew expired credentials: nothing was sent, and the cause is
            // the credentials' (with its own code and input), not SAE's.
            if (thrown instanceof credentials_errors/* CredentialsError */.l)
                throw thrown;
            throw (0,errors/* fromThrown */.x7)(api, thrown, this.transport.last());
        }
        const meta = this.transport.last();
        if (typeof result === 'string')
            throw (0,errors/* fromTextBody */.Ee)(api, result, meta);
        const r = obj(result);
        const requestId = str(r.RequestId);
        // Decide on Success, never on whether ErrorCode is present: SAE's own success example carries one.
        if (r.Success === false || (meta.status !== undefined && meta.status >= 400)) {
            const code = str(r.ErrorCode) || str(r.Code) || 'Success.False';
            throw new errors/* SaeError */.Ak(api, 'api', code, str(r.Message), meta.status, requestId || undefined);
        }
        return { requestId, traceId: str(r.TraceId), data: obj(r.Data) };
    }
    async updateJob(request) {
        const e = await this.call('UpdateJob', 'POST', '/pop/v1/sam/job/updateJob', { ...request.query }, (0,build/* formBody */.bQ)(request.body));
        return { appId: str(e.data.AppId), changeOrderId: str(e.data.ChangeOrderId), requestId: e.requestId, traceId: e.traceId };
    }
    async describeChangeOrder(changeOrderId) {
        const e = await this.call('DescribeChangeOrder', 'GET', `${CHANGE_ORDER}/DescribeChangeOrder`, { ChangeOrderId: changeOrderId });
        const d = e.data;
        if (d.Status === undefined) {
            throw new errors/* SaeError */.Ak('DescribeChangeOrder', 'format', 'InvalidResponse.MissingStatus', 'the answer has no change-order Status', undefined, e.requestId);
        }
        return {
            changeOrderId: str(d.ChangeOrderId) || changeOrderId,
            status: num(d.Status),
            subStatus: num(d.SubStatus) || 0,
            errorMessage: str(d.ErrorMessage),
            currentPipelineId: str(d.CurrentPipelineId),
            pipelines: arr(d.Pipelines).map((p) => ({
                pipelineId: str(p.PipelineId), name: str(p.PipelineName), status: num(p.Status),
                startTime: num(p.StartTime) || undefined, updateTime: num(p.UpdateTime) || undefined,
            })),
            coTypeCode: str(d.CoTypeCode),
            createTime: str(d.CreateTime),
        };
    }
    async listChangeOrders(appId, pageSize = 5) {
        const e = await this.call('ListChangeOrders', 'GET', `${CHANGE_ORDER}/ListChangeOrders`, { AppId: appId, CurrentPage: '1', PageSize: String(pageSize) });
        return arr(e.data.ChangeOrderList).map((o) => ({
            changeOrderId: str(o.ChangeOrderId),
            status: num(o.Status),
            createTime: str(o.CreateTime),
            finishTime: str(o.FinishTime),
            coTypeCode: str(o.CoTypeCode),
            description: str(o.Description),
        }));
    }
    async abortChangeOrder(changeOrderId) {
        await this.call('AbortChangeOrder', 'PUT', `${CHANGE_ORDER}/AbortChangeOrder`, { ChangeOrderId: changeOrderId });
        return true;
    }
    async confirmPipelineBatch(pipelineId) {
        await this.call('ConfirmPipelineBatch', 'GET', `${CHANGE_ORDER}/ConfirmPipelineBatch`, { PipelineId: pipelineId, Confirm: 'true' });
    }
    async describePipeline(pipelineId) {
        const e = await this.call('DescribePipeline', 'GET', `${CHANGE_ORDER}/DescribePipeline`, { PipelineId: pipelineId });
        const d = e.data;
        return {
            pipelineId: str(d.PipelineId) || pipelineId,
            name: str(d.PipelineName),
            status: num(d.PipelineStatus),
            stages: arr(d.StageList).map((s) => ({
                name: str(s.StageName),
                status: num(s.Status),
                tasks: arr(s.TaskList).map((t) => ({
                    name: str(t.TaskName), status: num(t.Status), errorCode: str(t.ErrorCode), errorMessage: str(t.ErrorMessage), message: str(t.Message),
                })),
            })),
        };
    }
}


/***/ })

};
