'use strict';
// Completes a truncated JSON text (a tool call's input or an object while it streams) so that it
// parses: `{"a": [1, "b` → `{"a": [1, "b"]}`. The same repair as the AI SDK's `fixJson`: text
// after the last complete token is dropped, open strings, arrays and objects are closed, and a
// started `true` / `false` / `null` is finished. One pass, a stack of what is open.

const LITERALS = ['true', 'false', 'null'];
const isDigit = (c) => c >= '0' && c <= '9';

function fixJson(input) {
  // What is open, innermost last: 'root', 'obj-start', 'obj-key', 'obj-after-key', 'obj-before-value',
  // 'obj-after-value', 'obj-after-comma', 'arr-start', 'arr-after-value', 'arr-after-comma',
  // 'string', 'escape', 'number', 'literal'.
  const stack = ['root'];
  let end = -1; // index of the last character kept
  let literalStart = 0;
  const top = () => stack[stack.length - 1];
  const replaceTop = (state) => { stack[stack.length - 1] = state; };

  // A value starts at `c`; `after` is what the container expects once it is done.
  function valueStart(c, i, after) {
    let inner;
    if (c === '"') inner = 'string';
    else if (c === 't' || c === 'f' || c === 'n') { inner = 'literal'; literalStart = i; }
    else if (c === '-' || isDigit(c)) inner = 'number';
    else if (c === '{') inner = 'obj-start';
    else if (c === '[') inner = 'arr-start';
    else return;
    if (c !== '-') end = i; // a lone '-' is no number yet
    replaceTop(after);
    stack.push(inner);
  }
  // `,` or the closing bracket after a value in an object / array.
  function afterValue(c, i, comma, close) {
    if (c === ',') replaceTop(comma);
    else if (c === close) { end = i; stack.pop(); }
  }

  for (let i = 0; i < input.length; i++) {
    const c = input[i];
    switch (top()) {
      case 'root': valueStart(c, i, 'finish'); break;
      case 'obj-start':
        if (c === '"') replaceTop('obj-key');
        else if (c === '}') { end = i; stack.pop(); }
        break;
      case 'obj-after-comma': if (c === '"') replaceTop('obj-key'); break;
      case 'obj-key': if (c === '"') replaceTop('obj-after-key'); break;
      case 'obj-after-key': if (c === ':') replaceTop('obj-before-value'); break;
      case 'obj-before-value': valueStart(c, i, 'obj-after-value'); break;
      case 'obj-after-value': afterValue(c, i, 'obj-after-comma', '}'); break;
      case 'arr-start':
        if (c === ']') { end = i; stack.pop(); } else { end = i; valueStart(c, i, 'arr-after-value'); }
        break;
      case 'arr-after-value':
        if (c === ',') replaceTop('arr-after-comma');
        else { end = i; if (c === ']') stack.pop(); }
        break;
      case 'arr-after-comma': valueStart(c, i, 'arr-after-value'); break;
      case 'string':
        if (c === '"') { stack.pop(); end = i; } else if (c === '\\') stack.push('escape'); else end = i;
        break;
      case 'escape': stack.pop(); end = i; break;
      case 'number':
        if (isDigit(c)) end = i;
        else if (c !== 'e' && c !== 'E' && c !== '-' && c !== '.') {
          stack.pop();
          if (c === ',' || c === '}' || c === ']') {
            if (c !== '}' && top() === 'arr-after-value') afterValue(c, i, 'arr-after-comma', ']');
            if (c !== ']' && top() === 'obj-after-value') afterValue(c, i, 'obj-after-comma', '}');
          }
        }
        break;
      case 'literal': {
        const partial = input.slice(literalStart, i + 1);
        if (LITERALS.some((l) => l.startsWith(partial))) end = i;
        else {
          stack.pop();
          if (top() === 'obj-after-value') afterValue(c, i, 'obj-after-comma', '}');
          else if (top() === 'arr-after-value') afterValue(c, i, 'arr-after-comma', ']');
        }
        break;
      }
      default:
    }
  }

  let result = input.slice(0, end + 1);
  for (let k = stack.length - 1; k >= 0; k--) {
    const state = stack[k];
    if (state === 'string') result += '"';
    else if (state.startsWith('obj-')) result += '}';
    else if (state.startsWith('arr-')) result += ']';
    else if (state === 'literal') {
      const partial = input.slice(literalStart);
      const literal = LITERALS.find((l) => l.startsWith(partial));
      if (literal) result += literal.slice(partial.length);
    }
  }
  return result;
}

module.exports = { fixJson };
