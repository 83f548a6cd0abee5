/**
 * The data paths a JsonLogic rule reads through `var`, as JSON pointers ('a.b' → '/a/b').
 * Dynamic paths (a `var` whose argument is itself a rule) are reported as '*'.
 */
export function ruleVariables(rule: unknown): Set<string> {
  const found = new Set<string>();
  const stack: unknown[] = [rule];
  while (stack.length) {
    const node = stack.pop();
    if (Array.isArray(node)) {
      stack.push(...node);
      continue;
    }
    if (!node || typeof node !== 'object') continue;
    for (const [op, operand] of Object.entries(node)) {
      if (op === 'var') {
        const target = Array.isArray(operand) ? operand[0] : operand;
        if (typeof target === 'string' || typeof target === 'number') {
          const path = String(target);
          if (path !== '') found.add(`/${path.split('.').join('/')}`);
        } else {
          found.add('*');
        }
        if (Array.isArray(operand)) stack.push(...operand.slice(1));
        else if (operand && typeof operand === 'object') stack.push(operand);
      } else {
        stack.push(operand);
      }
    }
  }
  return found;
}
