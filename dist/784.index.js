export const id = 784;
export const ids = [784];
export const modules = {

/***/ 9784:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   get: () => (/* binding */ get),
/* harmony export */   keyOf: () => (/* binding */ keyOf),
/* harmony export */   lineAt: () => (/* binding */ lineAt),
/* harmony export */   parseTree: () => (/* binding */ parseTree)
/* harmony export */ });
const DOCUMENT = 1, SEQUENCE = 2, MAPPING = 3, SCALAR = 4, ALIAS = 5, POP = 6;
async function parseTree(text) {
    const { parseEvents, getScalarValue } = await __webpack_require__.e(/* import() */ 243).then(__webpack_require__.bind(__webpack_require__, 3243));
    const events = parseEvents(text, {});
    const stack = [];
    let root;
    const add = (node) => {
        const parent = stack[stack.length - 1];
        if (!parent) {
            root ??= node;
        }
        else if (parent.kind === 'sequence') {
            parent.items.push(node);
        }
        else if (parent.pendingKey) {
            parent.pairs.push({ key: parent.pendingKey, value: node });
            parent.pendingKey = undefined;
        }
        else {
            parent.pendingKey = node;
        }
    };
    for (const e of events) {
        switch (e.type) {
            case SEQUENCE: {
                const node = { kind: 'sequence', start: e.start, items: [] };
                add(node);
                stack.push(node);
                break;
            }
            case MAPPING: {
                const node = { kind: 'mapping', start: e.start, pairs: [] };
                add(node);
                stack.push(node);
                break;
            }
            case SCALAR:
                add({ kind: 'scalar', start: e.valueStart, value: getScalarValue(text, e) });
                break;
            case ALIAS:
                add({ kind: 'alias', start: e.anchorStart });
                break;
            case POP:
                stack.pop();
                break;
            case DOCUMENT:
                if (root)
                    return root; // only the first document
                break;
        }
    }
    return root;
}
/** The value under a key of a mapping node. */
function get(node, key) {
    return node?.kind === 'mapping' ? node.pairs.find((p) => p.key.kind === 'scalar' && p.key.value === key)?.value : undefined;
}
/** The key node itself (for its position). */
function keyOf(node, key) {
    return node?.kind === 'mapping' ? node.pairs.find((p) => p.key.kind === 'scalar' && p.key.value === key)?.key : undefined;
}
/** 1-based line of an offset. */
function lineAt(text, offset) {
    let line = 1;
    for (let i = 0; i < offset && i < text.length; i++)
        if (text.charCodeAt(i) === 10)
            line++;
    return line;
}


/***/ })

};
