/**
 * Lists every ScalingError message in src/ as Markdown tables (for docs/README-errors.md):
 *   node scripts/list-errors.mjs > /tmp/errors.md
 * Template placeholders are shown as <name>; conditional messages as "a or b".
 */
import ts from "typescript";
import { fileURLToPath } from "node:url";
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
const ROOT = fileURLToPath(new URL("..", import.meta.url));
const root = join(ROOT, "src");
const files = [];
const walk = (d) => { for (const n of readdirSync(d)) { const p = join(d, n); if (statSync(p).isDirectory()) walk(p); else if (p.endsWith(".ts")) files.push(p); } };
walk(root);
const out = [];
const text = (node, sf) => {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (ts.isTemplateExpression(node)) {
    let s = node.head.text;
    for (const span of node.templateSpans) { s += `<${placeholder(span.expression.getText(sf))}>` + span.literal.text; }
    return s;
  }
  if (ts.isConditionalExpression(node)) return `${text(node.whenTrue, sf)}  |  ${text(node.whenFalse, sf)}`;
  if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.PlusToken) return text(node.left, sf) + text(node.right, sf);
  if (ts.isParenthesizedExpression(node)) return text(node.expression, sf);
  return `<${placeholder(node.getText(sf))}>`;
};
function placeholder(code) {
  const c = code.replace(/\s+/g, " ");
  if (c.length <= 24 && /^[\w.]+$/.test(c)) return c.split(".").pop();
  return "…";
}
for (const f of files.sort()) {
  const sf = ts.createSourceFile(f, readFileSync(f, "utf8"), ts.ScriptTarget.Latest, true);
  const visit = (node) => {
    if (ts.isNewExpression(node) && node.expression.getText(sf) === "ScalingError" && node.arguments?.length >= 2) {
      const code = node.arguments[0].getText(sf).replace(/"/g, "");
      const located = node.arguments.length >= 3;
      out.push({ file: relative(ROOT, f), code, message: text(node.arguments[1], sf), located });
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
}
// Markdown: one table a source area, messages as written (<name> marks a value filled in).
const AREAS = [
  ["src/cli/", "Flags and commands"],
  ["src/io/", "Reading run logs and law files"],
  ["src/fit/", "Fitting"],
  ["src/laws/", "Solving the laws"],
  ["src/plan/", "Planning and predicting"],
  ["src/check/", "Checking proposals"],
  ["src/report/", "Figures"],
];
const escape = (s) => s.replace(/\|/g, "\\|");
const lines = [];
for (const [prefix, title] of AREAS) {
  const rows = out.filter((e) => e.file.startsWith(prefix));
  if (rows.length === 0) continue;
  lines.push(`#### ${title}`, "", "| message | kind | where |", "|---|---|---|");
  for (const e of rows) {
    const message = e.message.split("  |  ").map((m) => `\`\` ${escape(`${e.located ? "FILE[:LINE[:COL]]: " : ""}${m}`)} \`\``).join(" or ");
    lines.push(`| ${message} | ${e.code} | ${e.file.replace(/^src\//, "")} |`);
  }
  lines.push("");
}
process.stdout.write(lines.join("\n"));
