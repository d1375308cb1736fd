import { isMap, isNode, isScalar, isSeq, type Document, type LineCounter, type Node } from 'yaml';

function rangeStart(node: unknown): number | null {
  return isNode(node) && node.range ? node.range[0] : null;
}

/**
 * The 1-based line of the YAML node at `path` (keys and sequence indexes). When the path goes deeper than
 * the document (a missing key), the line of the deepest node that exists. `atKey` points at the last key
 * itself rather than its value (for "unknown key" errors). Null when nothing can be located.
 */
export function lineOfPath(doc: Document, lineCounter: LineCounter, path: readonly PropertyKey[], atKey = false): number | null {
  let node: unknown = doc.contents;
  let offset = rangeStart(node);
  for (let i = 0; i < path.length; i++) {
    const segment = path[i];
    const last = i === path.length - 1;
    if (isMap(node)) {
      const pair = node.items.find((p) => (isScalar(p.key) ? String(p.key.value) : String(p.key)) === String(segment));
      if (!pair) break;
      const keyOffset = rangeStart(pair.key);
      const valueOffset = rangeStart(pair.value);
      offset = (last && atKey) || valueOffset === null ? keyOffset ?? offset : valueOffset;
      node = pair.value as Node | null;
    } else if (isSeq(node) && typeof segment === 'number') {
      const item: unknown = node.items[segment];
      const itemOffset = rangeStart(item);
      if (itemOffset === null) break;
      offset = itemOffset;
      node = item;
    } else {
      break;
    }
  }
  return offset === null ? null : lineCounter.linePos(offset).line;
}
