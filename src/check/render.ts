/**
 * The three renderings of a check report, each a string (the CLI writes it): the JSON
 * contract of DESIGN.md ("check --json"), GitHub Actions workflow commands, and a table.
 */
import type { Colors } from "../report/colors.js";
import { formatLoss } from "../io/units.js";
import { renderTable } from "../report/table.js";
import { passes } from "./checkProposal.js";
import type { CheckReport, CheckStatus } from "./types.js";

/** `check --json`: exactly `{ok, proposals: [{name, ok, checks: [{id, status, message, value, limit}]}]}`. */
export function reportToJson(report: CheckReport): Record<string, unknown> {
  return {
    ok: report.ok,
    proposals: report.proposals.map((proposal) => ({
      name: proposal.name,
      ok: proposal.ok,
      checks: proposal.checks.map(({ id, status, message, value, limit }) => ({ id, status, message, value, limit })),
    })),
  };
}

/** Workflow-command escaping (GitHub's toolkit): data escapes % CR LF; properties also : and ,. */
const escapeData = (text: string): string => text.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
const escapeProperty = (text: string): string => escapeData(text).replace(/:/g, "%3A").replace(/,/g, "%2C");

/**
 * `::error file=F,line=L,title=T::message` for each failed check and `::warning ...` for
 * each warning, at the proposal's file and line; then a one-line summary.
 */
export function renderGithub(report: CheckReport, strict = false): string {
  const lines: string[] = [];
  for (const proposal of report.proposals) {
    for (const check of proposal.checks) {
      if (check.status !== "fail" && check.status !== "warn") continue;
      const level = check.status === "fail" || strict ? "error" : "warning";
      const properties: string[] = [];
      // `<stdin>` and other pseudo-files are no path in the repository: no file property.
      if (proposal.source !== undefined && !proposal.source.file.startsWith("<")) {
        properties.push(`file=${escapeProperty(proposal.source.file)}`);
        if (proposal.source.line !== undefined) properties.push(`line=${proposal.source.line}`);
      }
      properties.push(`title=${escapeProperty(`scaling check ${check.id}`)}`);
      lines.push(`::${level} ${properties.join(",")}::${escapeData(`${proposal.name}: ${check.message}`)}`);
    }
  }
  lines.push(summary(report, strict));
  return `${lines.join("\n")}\n`;
}

/** `3 proposals checked under kaplan: 1 failed, 1 with warnings, 1 passed`. */
export function summary(report: CheckReport, strict = false): string {
  const count = report.proposals.length;
  const failed = report.proposals.filter((p) => !passes(p.checks, strict)).length;
  const warned = report.proposals.filter((p) => passes(p.checks, strict) && p.checks.some((c) => c.status === "warn")).length;
  const passed = count - failed - warned;
  const noun = count === 1 ? "proposal" : "proposals";
  return `${count} ${noun} checked under ${report.law}: ${failed} failed, ${warned} with warnings, ${passed} passed`;
}

/** One row a check, grouped by proposal, with the predicted loss in the proposal's header row. */
export function renderCheckTable(report: CheckReport, color: Colors, strict = false): string {
  const paint: Record<CheckStatus, (text: string) => string> = {
    pass: color.green,
    warn: color.yellow,
    fail: color.red,
    skip: color.dim,
  };
  const blocks: string[] = [];
  for (const proposal of report.proposals) {
    const ok = passes(proposal.checks, strict);
    const where = proposal.source === undefined ? "" : ` (${proposal.source.file}${proposal.source.line ? `:${proposal.source.line}` : ""})`;
    const loss = proposal.predictedLossNats === null ? "" : `, predicted loss ${formatLoss(proposal.predictedLossNats)}`;
    const warned = proposal.checks.some((check) => check.status === "warn");
    const verdict = !ok ? color.red("FAIL") : warned ? color.yellow("WARN") : color.green("PASS");
    const header = `${verdict} ${color.bold(proposal.name)}${where}${loss}`;
    const rows = proposal.checks.map((check) => [check.id, paint[check.status](check.status), check.message]);
    blocks.push(`${header}\n${renderTable(["check", "status", "reason"], rows, ["left", "left", "left"])}`);
  }
  blocks.push(summary(report, strict));
  return `${blocks.join("\n\n")}\n`;
}
