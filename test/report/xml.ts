/**
 * A tiny XML parser for tests: enough to prove an SVG is well formed (balanced tags, quoted
 * attributes, no duplicate attributes, only the five predefined entities or numeric ones) and
 * to query its elements. Throws with the offset of the first error.
 */
export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  text: string;
}

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

function decode(raw: string, at: number): string {
  let out = "";
  for (let i = 0; i < raw.length; i++) {
    const ch = raw[i]!;
    if (ch === "<") throw new Error(`unescaped < at ${at + i}`);
    if (ch !== "&") {
      out += ch;
      continue;
    }
    const end = raw.indexOf(";", i);
    if (end < 0) throw new Error(`unterminated entity at ${at + i}`);
    const name = raw.slice(i + 1, end);
    if (name.startsWith("#")) out += String.fromCodePoint(Number(name.startsWith("#x") ? `0x${name.slice(2)}` : name.slice(1)));
    else if (ENTITIES[name] !== undefined) out += ENTITIES[name];
    else throw new Error(`unknown entity &${name}; at ${at + i}`);
    i = end;
  }
  return out;
}

const isNameChar = (ch: string): boolean => /[A-Za-z0-9_:.-]/.test(ch);

export function parseXml(source: string): XmlElement {
  let i = 0;
  const root: XmlElement = { name: "#document", attrs: {}, children: [], text: "" };
  const stack: XmlElement[] = [root];
  const skipSpace = (): void => {
    while (i < source.length && " \t\r\n".includes(source[i]!)) i++;
  };
  const readName = (): string => {
    const start = i;
    while (i < source.length && isNameChar(source[i]!)) i++;
    if (i === start) throw new Error(`expected a name at ${start}`);
    return source.slice(start, i);
  };
  while (i < source.length) {
    if (source[i] !== "<") {
      const end = source.indexOf("<", i);
      const stop = end < 0 ? source.length : end;
      const text = decode(source.slice(i, stop), i);
      if (stack.length === 1 && text.trim() !== "") throw new Error(`text outside the root element at ${i}`);
      stack[stack.length - 1]!.text += text;
      i = stop;
      continue;
    }
    if (source.startsWith("<?", i) || source.startsWith("<!--", i)) {
      const close = source.startsWith("<?", i) ? "?>" : "-->";
      const end = source.indexOf(close, i);
      if (end < 0) throw new Error(`unterminated ${close} at ${i}`);
      i = end + close.length;
      continue;
    }
    if (source.startsWith("</", i)) {
      i += 2;
      const name = readName();
      skipSpace();
      if (source[i] !== ">") throw new Error(`expected > at ${i}`);
      i++;
      const open = stack.pop();
      if (open === undefined || open.name !== name || stack.length === 0) throw new Error(`</${name}> closes <${open?.name}> at ${i}`);
      continue;
    }
    i++;
    const element: XmlElement = { name: readName(), attrs: {}, children: [], text: "" };
    if (stack.length === 1 && root.children.length > 0) throw new Error(`a second root element at ${i}`);
    stack[stack.length - 1]!.children.push(element);
    for (;;) {
      skipSpace();
      if (source.startsWith("/>", i)) {
        i += 2;
        break;
      }
      if (source[i] === ">") {
        i++;
        stack.push(element);
        break;
      }
      const name = readName();
      if (name in element.attrs) throw new Error(`duplicate attribute ${name} at ${i}`);
      skipSpace();
      if (source[i] !== "=") throw new Error(`expected = at ${i}`);
      i++;
      skipSpace();
      const quote = source[i];
      if (quote !== '"' && quote !== "'") throw new Error(`unquoted attribute ${name} at ${i}`);
      const end = source.indexOf(quote, i + 1);
      if (end < 0) throw new Error(`unterminated attribute at ${i}`);
      element.attrs[name] = decode(source.slice(i + 1, end), i + 1);
      i = end + 1;
    }
  }
  if (stack.length !== 1) throw new Error(`unclosed <${stack[stack.length - 1]!.name}>`);
  if (root.children.length !== 1) throw new Error("no root element");
  return root.children[0]!;
}

/** Every element below `node` (depth first), optionally only those named `name`. */
export function descendants(node: XmlElement, name?: string): XmlElement[] {
  const out: XmlElement[] = [];
  const walk = (n: XmlElement): void => {
    for (const child of n.children) {
      if (name === undefined || child.name === name) out.push(child);
      walk(child);
    }
  };
  walk(node);
  return out;
}

export const hasClass = (element: XmlElement, cls: string): boolean => (element.attrs.class ?? "").split(" ").includes(cls);
