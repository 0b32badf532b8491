// How deeply a parsed JSON value nests arrays and objects, measured without recursion: a body of
// 10,000 nested arrays parses fine (JSON.parse is iterative) but overflows the stack of any
// recursive walk after it (JSON.stringify, a validator, a logger), which a request must not cause.

/** Whether `value` nests arrays and objects more than `max` levels deep (`{}` alone is one level). */
export function nestedDeeperThan(value: unknown, max: number): boolean {
  const stack: [unknown, number][] = [[value, 1]];
  for (let next = stack.pop(); next; next = stack.pop()) {
    const [v, depth] = next;
    if (!isContainer(v)) continue;
    if (depth > max) return true;
    for (const child of Array.isArray(v) ? v : Object.values(v))
      if (isContainer(child)) stack.push([child, depth + 1]);
  }
  return false;
}

/** An array or a plain object, as JSON.parse makes them (not a Buffer or a stream of an upload). */
function isContainer(v: unknown): v is object {
  if (v === null || typeof v !== 'object') return false;
  if (Array.isArray(v)) return true;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}
