// Expands kernels.template.wat into WAT text, the way tfjs assembles a GPU program from snippets.
// The template is WAT plus two things:
//
// - `{{expression}}`: an integer from + - * /, parentheses, decimal numbers and names: the
//   constants given (src/wasm/abi.ts; a dotted name such as `Mode.Scale` reads a member) and,
//   inside a lane block, its lane variable;
// - lane blocks, each marker alone on its line, for loops unrolled over lanes L = 0 .. N - 1:
//     {{#each L < N}} ... {{/each}}              the whole body once per lane, lane after lane;
//     {{#interleave L < N}} ... {{/interleave}}  each statement (a parenthesised form) once per
//       lane before the next statement, so that the lanes' dependency chains interleave;
//       comment lines before a statement are written once, before its first copy.

const BLOCK_START = /^\s*\{\{#(each|interleave) ([A-Za-z_]\w*) < (.+?)\}\}\s*$/;
const BLOCK_END = /^\s*\{\{\/(each|interleave)\}\}\s*$/;
const TOKEN = /\s*(?:(\d+)|([A-Za-z_][\w.]*)|([-+*/()]))/y;

/** The value of an integer expression over `names` (a plain object, dotted names allowed). */
export function evaluate(expression, names) {
  const tokens = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < expression.length && !/^\s*$/.test(expression.slice(TOKEN.lastIndex))) {
    const start = TOKEN.lastIndex;
    const match = TOKEN.exec(expression);
    if (match === null) throw new Error(`cannot read '${expression.slice(start)}' in {{${expression}}}`);
    tokens.push(
      match[1] !== undefined ? Number(match[1]) : match[2] !== undefined ? { name: match[2] } : match[3],
    );
  }
  let at = 0;
  const factor = () => {
    const token = tokens[at++];
    if (token === '-') return -factor();
    if (token === '(') {
      const value = sum();
      if (tokens[at++] !== ')') throw new Error(`unbalanced parentheses in {{${expression}}}`);
      return value;
    }
    if (typeof token === 'number') return token;
    if (token !== undefined && typeof token === 'object') {
      const value = token.name
        .split('.')
        .reduce((scope, key) => (Object.hasOwn(Object(scope), key) ? scope[key] : undefined), names);
      if (typeof value !== 'number') throw new Error(`unknown name ${token.name} in {{${expression}}}`);
      return value;
    }
    throw new Error(`unexpected ${token ?? 'end'} in {{${expression}}}`);
  };
  const product = () => {
    let value = factor();
    while (tokens[at] === '*' || tokens[at] === '/')
      value = tokens[at++] === '*' ? value * factor() : value / factor();
    return value;
  };
  const sum = () => {
    let value = product();
    while (tokens[at] === '+' || tokens[at] === '-')
      value = tokens[at++] === '+' ? value + product() : value - product();
    return value;
  };
  const value = sum();
  if (at !== tokens.length) throw new Error(`unexpected ${tokens[at]} in {{${expression}}}`);
  if (!Number.isSafeInteger(value)) throw new Error(`{{${expression}}} is ${value}, not an integer`);
  return value;
}

/** `text` with every `{{expression}}` replaced by its value. */
function substitute(text, names) {
  return text.replace(/\{\{([^#/}][^}]*)\}\}/g, (_, expression) => String(evaluate(expression, names)));
}

/**
 * The top-level forms of an interleave block's lines, each with the comment lines before it.
 * Counts parentheses outside `;;` comments (the kernels use no strings inside lane blocks).
 */
function statements(lines) {
  const found = [];
  let pending = [];
  let depth = 0;
  for (const line of lines) {
    pending.push(line);
    const code = line.replace(/;;.*$/, '');
    for (const char of code) {
      if (char === '(') depth++;
      else if (char === ')') depth--;
      if (depth < 0) throw new Error(`unbalanced ')' in an interleave block: ${line.trim()}`);
    }
    if (depth === 0 && code.trim() !== '') {
      const first = pending.findIndex((l) => l.replace(/;;.*$/, '').trim() !== '');
      found.push({ comments: pending.slice(0, first), form: pending.slice(first) });
      pending = [];
    }
  }
  if (depth !== 0) throw new Error(`unbalanced '(' in an interleave block: ${lines.join('\n')}`);
  return { found, trailing: pending };
}

/** Expands a lane block's body for lanes 0 .. count - 1. */
function expandBlock(kind, lane, count, body, names) {
  const laneNames = (value) => ({ ...names, [lane]: value });
  const out = [];
  if (kind === 'each') {
    for (let value = 0; value < count; value++)
      out.push(...body.map((line) => substitute(line, laneNames(value))));
    return out;
  }
  const { found, trailing } = statements(body);
  for (const { comments, form } of found) {
    out.push(...comments);
    for (let value = 0; value < count; value++)
      out.push(...form.map((line) => substitute(line, laneNames(value))));
  }
  out.push(...trailing);
  return out;
}

/**
 * The WAT text of `template` with `names` (the constants of src/wasm/abi.ts) inserted and every
 * lane block expanded. Throws on an unknown name, a non-integer value, a nested or unclosed block.
 */
export function expandTemplate(template, names) {
  const out = [];
  let block = null;
  template.split('\n').forEach((line, index) => {
    const where = `line ${index + 1}`;
    const start = BLOCK_START.exec(line);
    const end = BLOCK_END.exec(line);
    if (start !== null) {
      if (block !== null) throw new Error(`${where}: lane blocks do not nest`);
      const count = evaluate(start[3], names);
      block = { kind: start[1], lane: start[2], count, body: [], where };
    } else if (end !== null) {
      if (block === null || block.kind !== end[1])
        throw new Error(`${where}: {{/${end[1]}}} closes no block`);
      try {
        out.push(...expandBlock(block.kind, block.lane, block.count, block.body, names));
      } catch (error) {
        throw new Error(`${block.where}: ${error.message}`);
      }
      block = null;
    } else if (block !== null) {
      block.body.push(line);
    } else {
      try {
        out.push(substitute(line, names));
      } catch (error) {
        throw new Error(`${where}: ${error.message}`);
      }
    }
  });
  if (block !== null) throw new Error(`${block.where}: {{#${block.kind}}} is never closed`);
  return out.join('\n');
}
