// A YAML document as a small tree that keeps where each node starts, built from js-yaml's parser
// events: locate.ts needs the line of a key, which a plain load() forgets.
import type { Event, ScalarEvent } from 'js-yaml';

export type YamlNode =
  | { kind: 'scalar'; start: number; value: string }
  | { kind: 'sequence'; start: number; items: YamlNode[] }
  | { kind: 'mapping'; start: number; pairs: Array<{ key: YamlNode; value: YamlNode }> }
  | { kind: 'alias'; start: number };

const DOCUMENT = 1, SEQUENCE = 2, MAPPING = 3, SCALAR = 4, ALIAS = 5, POP = 6;

export async function parseTree(text: string): Promise<YamlNode | undefined> {
  const { parseEvents, getScalarValue } = await import('js-yaml');
  const events: Event[] = parseEvents(text, {});
  const stack: Array<Extract<YamlNode, { kind: 'sequence' | 'mapping' }> & { pendingKey?: YamlNode }> = [];
  let root: YamlNode | undefined;
  const add = (node: YamlNode) => {
    const parent = stack[stack.length - 1];
    if (!parent) {
      root ??= node;
    } else if (parent.kind === 'sequence') {
      parent.items.push(node);
    } else if (parent.pendingKey) {
      parent.pairs.push({ key: parent.pendingKey, value: node });
      parent.pendingKey = undefined;
    } else {
      parent.pendingKey = node;
    }
  };
  for (const e of events) {
    switch (e.type) {
      case SEQUENCE: {
        const node = { kind: 'sequence' as const, start: e.start, items: [] };
        add(node);
        stack.push(node);
        break;
      }
      case MAPPING: {
        const node = { kind: 'mapping' as const, start: e.start, pairs: [] };
        add(node);
        stack.push(node);
        break;
      }
      case SCALAR:
        add({ kind: 'scalar', start: (e as ScalarEvent).valueStart, value: getScalarValue(text, e as ScalarEvent) });
        break;
      case ALIAS:
        add({ kind: 'alias', start: e.anchorStart });
        break;
      case POP:
        stack.pop();
        break;
      case DOCUMENT:
        if (root) return root; // only the first document
        break;
    }
  }
  return root;
}

/** The value under a key of a mapping node. */
export function get(node: YamlNode | undefined, key: string): YamlNode | undefined {
  return node?.kind === 'mapping' ? node.pairs.find((p) => p.key.kind === 'scalar' && p.key.value === key)?.value : undefined;
}

/** 1-based line of an offset. */
export function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}
