export const id = 867;
export const ids = [867];
export const modules = {

/***/ 3867:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   checkShape: () => (/* binding */ checkShape)
/* harmony export */ });
/* unused harmony exports SHAPES, formatPath */
/* harmony import */ var zod_mini__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8395);
/* harmony import */ var zod_mini__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3305);
// The shape of every structured (JSON) UpdateJob parameter, field by field. SAE documents these shapes
// on the UpdateJob page; unknown keys are warned about rather than rejected, since SAE adds fields.
// zod/mini: the same checks as zod's full API in a tree-shakable form, a third of its bundle size.

const text = zod_mini__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP();
const nonEmpty = zod_mini__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP().check(zod_mini__WEBPACK_IMPORTED_MODULE_1__/* ._minLength */ .m9(1, 'must not be empty'));
const absolutePath = zod_mini__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP().check(zod_mini__WEBPACK_IMPORTED_MODULE_1__/* ._regex */ .Fk(/^\//, 'must be an absolute path starting with /'));
const command = zod_mini__WEBPACK_IMPORTED_MODULE_0__/* .array */ .YOg(zod_mini__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP()).check(zod_mini__WEBPACK_IMPORTED_MODULE_1__/* ._minLength */ .m9(1, 'must hold at least one element'));
const scalar = zod_mini__WEBPACK_IMPORTED_MODULE_0__/* .union */ .KCZ([zod_mini__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP(), zod_mini__WEBPACK_IMPORTED_MODULE_0__/* .number */ .aig(), zod_mini__WEBPACK_IMPORTED_MODULE_0__/* .boolean */ .zMY()]);
const opt = zod_mini__WEBPACK_IMPORTED_MODULE_0__/* .optional */ .lqM;
const envEntry = zod_mini__WEBPACK_IMPORTED_MODULE_0__/* .strictObject */ .rej({
    name: zod_mini__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP().check(zod_mini__WEBPACK_IMPORTED_MODULE_1__/* ._minLength */ .m9(1, 'must not be empty'), zod_mini__WEBPACK_IMPORTED_MODULE_1__/* ._regex */ .Fk(/^[-._a-zA-Z][-._a-zA-Z0-9]*$/, 'must be a valid variable name (letters, digits, _ . -, not starting with a digit)')),
    value: opt(zod_mini__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP()),
    valueFrom: opt(zod_mini__WEBPACK_IMPORTED_MODULE_0__/* .literal */ .euz('configMapRef')),
    configMapId: opt(zod_mini__WEBPACK_IMPORTED_MODULE_0__/* .union */ .KCZ([zod_mini__WEBPACK_IMPORTED_MODULE_0__/* .int */ .Whr(), zod_mini__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP().check(zod_mini__WEBPACK_IMPORTED_MODULE_1__/* ._regex */ .Fk(/^\d+$/, 'must be a number'))])),
    key: opt(zod_mini__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP()),
});
const hook = zod_mini__WEBPACK_IMPORTED_MODULE_0__/* .strictObject */ .rej({ exec: zod_mini__WEBPACK_IMPORTED_MODULE_0__/* .strictObject */ .rej({ command }) });
const SHAPES = {
    envs: zod_mini__WEBPACK_IMPORTED_MODULE_0__/* .array */ .YOg(envEntry),
    'command-args': zod_mini__WEBPACK_IMPORTED_MODULE_0__/* .array */ .YOg(zod_mini__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP()),
    'custom-host-alias': zod_mini__WEBPACK_IMPORTED_MODULE_0__/* .array */ .YOg(zod_mini__WEBPACK_IMPORTED_MODULE_0__/* .strictObject */ .rej({ hostName: nonEmpty, ip: nonEmpty })),
    'sls-configs': zod_mini__WEBPACK_IMPORTED_MODULE_0__/* .array */ .YOg(zod_mini__WEBPACK_IMPORTED_MODULE_0__/* .strictObject */ .rej({
        projectName: opt(text),
        logDir: text,
        logType: opt(zod_mini__WEBPACK_IMPORTED_MODULE_0__/* ["enum"] */ .k5n(['stdout', 'file'])),
        logstoreName: opt(text),
        logtailName: opt(text),
    })),
    'mount-desc': zod_mini__WEBPACK_IMPORTED_MODULE_0__/* .array */ .YOg(zod_mini__WEBPACK_IMPORTED_MODULE_0__/* .strictObject */ .rej({ mountPath: absolutePath, nasPath: nonEmpty })),
    'nas-configs': zod_mini__WEBPACK_IMPORTED_MODULE_0__/* .array */ .YOg(zod_mini__WEBPACK_IMPORTED_MODULE_0__/* .strictObject */ .rej({
        nasId: opt(nonEmpty),
        mountDomain: opt(nonEmpty),
        nasPath: opt(nonEmpty),
        mountPath: absolutePath,
        readOnly: opt(zod_mini__WEBPACK_IMPORTED_MODULE_0__/* .boolean */ .zMY()),
    })),
    'post-start': hook,
    'pre-stop': hook,
    'config-map-mount-desc': zod_mini__WEBPACK_IMPORTED_MODULE_0__/* .array */ .YOg(zod_mini__WEBPACK_IMPORTED_MODULE_0__/* .strictObject */ .rej({
        configMapId: zod_mini__WEBPACK_IMPORTED_MODULE_0__/* .union */ .KCZ([zod_mini__WEBPACK_IMPORTED_MODULE_0__/* .int */ .Whr().check(zod_mini__WEBPACK_IMPORTED_MODULE_1__/* ._positive */ .NC()), zod_mini__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP().check(zod_mini__WEBPACK_IMPORTED_MODULE_1__/* ._regex */ .Fk(/^\d+$/, 'must be a number'))]),
        key: nonEmpty,
        mountPath: absolutePath,
    })),
    'tomcat-config': zod_mini__WEBPACK_IMPORTED_MODULE_0__/* .strictObject */ .rej({
        port: opt(zod_mini__WEBPACK_IMPORTED_MODULE_0__/* .int */ .Whr().check(zod_mini__WEBPACK_IMPORTED_MODULE_1__/* ._gte */ .qm(1024, 'must be 1024–65535'), zod_mini__WEBPACK_IMPORTED_MODULE_1__/* ._lte */ .Zm(65535, 'must be 1024–65535'))),
        contextPath: opt(zod_mini__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP().check(zod_mini__WEBPACK_IMPORTED_MODULE_1__/* ._regex */ .Fk(/^\//, 'must start with /'))),
        maxThreads: opt(zod_mini__WEBPACK_IMPORTED_MODULE_0__/* .int */ .Whr().check(zod_mini__WEBPACK_IMPORTED_MODULE_1__/* ._positive */ .NC())),
        uriEncoding: opt(zod_mini__WEBPACK_IMPORTED_MODULE_0__/* ["enum"] */ .k5n(['UTF-8', 'ISO-8859-1', 'GBK', 'GB2312'])),
        useBodyEncodingForUri: opt(zod_mini__WEBPACK_IMPORTED_MODULE_0__/* .boolean */ .zMY()),
        useBodyEncoding: opt(zod_mini__WEBPACK_IMPORTED_MODULE_0__/* .boolean */ .zMY()),
    }),
    'oss-mount-descs': zod_mini__WEBPACK_IMPORTED_MODULE_0__/* .array */ .YOg(zod_mini__WEBPACK_IMPORTED_MODULE_0__/* .strictObject */ .rej({
        bucketName: nonEmpty,
        bucketPath: nonEmpty,
        mountPath: absolutePath,
        readOnly: zod_mini__WEBPACK_IMPORTED_MODULE_0__/* .boolean */ .zMY(),
    })),
    'trigger-config': zod_mini__WEBPACK_IMPORTED_MODULE_0__/* .discriminatedUnion */ .gMt('type', [
        zod_mini__WEBPACK_IMPORTED_MODULE_0__/* .strictObject */ .rej({ type: zod_mini__WEBPACK_IMPORTED_MODULE_0__/* .literal */ .euz('time'), config: nonEmpty, timezone: opt(nonEmpty) }),
        zod_mini__WEBPACK_IMPORTED_MODULE_0__/* .strictObject */ .rej({ type: zod_mini__WEBPACK_IMPORTED_MODULE_0__/* .literal */ .euz('http'), config: zod_mini__WEBPACK_IMPORTED_MODULE_0__/* .record */ .g1P(zod_mini__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP(), zod_mini__WEBPACK_IMPORTED_MODULE_0__/* .unknown */ .L5J()) }),
    ]),
    'slice-envs': zod_mini__WEBPACK_IMPORTED_MODULE_0__/* .array */ .YOg(scalar).check(zod_mini__WEBPACK_IMPORTED_MODULE_1__/* ._minLength */ .m9(1, 'must hold at least one shard')),
};
/** Checks a value against its parameter's shape; returns the issues with readable paths. */
function checkShape(input, value) {
    const shape = SHAPES[input];
    if (!shape)
        return [];
    const result = shape.safeParse(value);
    if (result.success)
        return [];
    return result.error.issues.map((issue) => {
        const path = formatPath(input, issue.path);
        if (issue.code === 'unrecognized_keys') {
            return { path, unknownKey: true, message: `has unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}` };
        }
        return { path, unknownKey: false, message: describeIssue(issue) };
    });
}
function describeIssue(issue) {
    switch (issue.code) {
        case 'invalid_type':
            return issue.input === undefined ? 'is missing' : `must be ${article(issue.expected)}, not ${typeName(issue.input)}`;
        case 'invalid_value':
            return `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
        case 'invalid_union':
            if ('discriminator' in issue && issue.discriminator)
                return `must have ${issue.discriminator} "time" or "http"`;
            return 'does not match any accepted form';
        default:
            return issue.message;
    }
}
function article(type) {
    if (type === 'array')
        return 'a list';
    if (type === 'object')
        return 'a mapping';
    return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}
function typeName(v) {
    if (v === null)
        return 'null';
    if (Array.isArray(v))
        return 'a list';
    if (typeof v === 'object')
        return 'a mapping';
    return `${typeof v} ${JSON.stringify(v)}`;
}
function formatPath(input, path) {
    return path.reduce((acc, key) => (typeof key === 'number' ? `${acc}[${key}]` : `${acc}.${String(key)}`), input);
}


/***/ })

};
