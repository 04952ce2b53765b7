/**
 * The text of an SVG document: XML escaping, fixed coordinate formatting, and elements built
 * from attribute lists. Output is deterministic: no timestamps, no random ids, and every
 * number printed the same way on every machine (at most two decimals, no exponent, no "-0").
 */

/** Escape text and attribute values for XML (&, <, >, ", '). */
export function escapeXml(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");
}

/**
 * A coordinate in user units: rounded to 0.01, trailing zeros dropped, never "-0".
 * @example coord(12.3456) // "12.35"
 */
export function coord(value: number): string {
  if (!Number.isFinite(value)) throw new Error(`svg coordinate must be finite; got ${value}`);
  const rounded = Math.round(value * 100) / 100;
  return rounded === 0 ? "0" : String(rounded);
}

export type Attributes = Record<string, string | number | undefined>;

function attributeText(attributes: Attributes): string {
  return Object.entries(attributes)
    .filter(([, value]) => value !== undefined)
    .map(([name, value]) => ` ${name}="${typeof value === "number" ? coord(value) : escapeXml(value as string)}"`)
    .join("");
}

/** An element; children are already-serialised SVG. Childless elements self-close. */
export function element(name: string, attributes: Attributes, children: readonly string[] = []): string {
  const open = `<${name}${attributeText(attributes)}`;
  return children.length === 0 ? `${open}/>` : `${open}>${children.join("")}</${name}>`;
}

/** A text element with escaped content. */
export function textElement(content: string, attributes: Attributes): string {
  return `<text${attributeText(attributes)}>${escapeXml(content)}</text>`;
}

/** Path data through screen points: "M x y L x y ...". */
export function pathData(points: readonly (readonly [number, number])[]): string {
  return points.map(([x, y], index) => `${index === 0 ? "M" : "L"}${coord(x)} ${coord(y)}`).join(" ");
}

/** Rough width of a label in user units (no font metrics in Node): 0.6 em a character. */
export function textWidth(content: string, fontSize: number): number {
  return content.length * fontSize * 0.6;
}
