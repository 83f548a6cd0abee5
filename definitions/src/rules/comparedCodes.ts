const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Literal codes compared with a `var` in a rule: `==`, `===`, `!=`, `!==` and `in` (both ways). */
export function comparedCodes(rule: unknown): { variable: string; codes: unknown[] }[] {
  const found: { variable: string; codes: unknown[] }[] = [];
  const varName = (node: unknown) =>
    isObject(node) && Object.keys(node).length === 1 && typeof node.var === 'string'
      ? node.var
      : undefined;
  const isLiteral = (node: unknown) => typeof node === 'string' || typeof node === 'number';
  const stack: unknown[] = [rule];
  while (stack.length) {
    const node = stack.pop();
    if (Array.isArray(node)) {
      stack.push(...node);
      continue;
    }
    if (!isObject(node)) continue;
    for (const [op, args] of Object.entries(node)) {
      stack.push(args);
      if (!Array.isArray(args) || args.length !== 2) continue;
      const [a, b] = args as [unknown, unknown];
      if (['==', '===', '!=', '!=='].includes(op)) {
        if (varName(a) && isLiteral(b)) found.push({ variable: varName(a)!, codes: [b] });
        if (varName(b) && isLiteral(a)) found.push({ variable: varName(b)!, codes: [a] });
      } else if (op === 'in') {
        if (varName(a) && Array.isArray(b) && b.every(isLiteral))
          found.push({ variable: varName(a)!, codes: b });
        if (varName(b) && isLiteral(a)) found.push({ variable: varName(b)!, codes: [a] });
      }
    }
  }
  return found;
}
