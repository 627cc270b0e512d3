/**
 * Where JSON text first goes wrong, for a one-line error with a line and column (V8's
 * JSON.parse messages often carry no position). Iterative, so deep nesting cannot overflow.
 */

const NUMBER_OR_LITERAL =
  /^(?:-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?|true|false|null)/;

/** The offset of the first error in `text` and what is wrong there; undefined when it is valid. */
export function jsonErrorAt(text: string): { offset: number; reason: string } | undefined {
  let i = 0;
  const stack: string[] = [];
  const skip = () => {
    for (let c = text.charCodeAt(i); c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;) {
      c = text.charCodeAt(++i);
    }
  };
  const err = (reason: string) => ({ offset: Math.min(i, text.length), reason });
  const unexpected = () =>
    err(i >= text.length ? 'unexpected end of input' : `unexpected ${JSON.stringify(text[i])}`);
  const scalar = () => {
    if (text[i] !== '"') {
      const m = NUMBER_OR_LITERAL.exec(text.slice(i, i + 400));
      if (!m) return unexpected();
      i += m[0].length;
      return undefined;
    }
    for (i++; ; i++) {
      if (i >= text.length) return err('unterminated string');
      const c = text.charCodeAt(i);
      if (c === 0x22) break;
      if (c < 0x20) return err('a control character in a string');
      if (c === 0x5c) {
        const e = text[i + 1];
        if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) i += 5;
        else if (e !== undefined && '"\\/bfnrt'.includes(e)) i += 1;
        else return err('a bad escape in a string');
      }
    }
    i++;
    return undefined;
  };
  let state: 'value' | 'key' | 'after' = 'value';
  for (;;) {
    skip();
    if (state === 'value') {
      const c = text[i];
      if (c === '{' || c === '[') {
        const close = c === '{' ? '}' : ']';
        stack.push(close);
        i++;
        skip();
        if (text[i] === close) {
          i++;
          stack.pop();
          state = 'after';
        } else {
          state = c === '{' ? 'key' : 'value';
        }
        continue;
      }
      const e = scalar();
      if (e) return e;
      state = 'after';
    } else if (state === 'key') {
      if (text[i] !== '"') return err('expected a string key');
      const e = scalar();
      if (e) return e;
      skip();
      if (text[i] !== ':') return err("expected ':'");
      i++;
      state = 'value';
    } else {
      const close = stack[stack.length - 1];
      if (close === undefined)
        return i < text.length
          ? err(`unexpected ${JSON.stringify(text[i])} after the value`)
          : undefined;
      if (text[i] === ',') {
        i++;
        state = close === '}' ? 'key' : 'value';
      } else if (text[i] === close) {
        i++;
        stack.pop();
      } else {
        return err(`expected ',' or '${close}'`);
      }
    }
  }
}
