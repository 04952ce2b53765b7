/**
 * Tables for the terminal. cli-table3 writes colour codes even when piped (shared/LIBRARIES.md),
 * so its own styling is off and cells are coloured by the caller.
 */
import Table from "cli-table3";

export function renderTable(head: string[], rows: string[][], align?: Array<"left" | "right">): string {
  const table = new Table({
    head,
    style: { head: [], border: [], compact: true, "padding-left": 1, "padding-right": 1 },
    colAligns: align ?? head.map((_, index) => (index === 0 ? "left" : "right")),
  });
  table.push(...rows);
  return table.toString();
}

/** Two columns, no header: `label  value`. */
export function renderPairs(rows: Array<[string, string]>): string {
  const table = new Table({
    style: { head: [], border: [], compact: true, "padding-left": 1, "padding-right": 1 },
    colAligns: ["left", "left"],
  });
  table.push(...rows);
  return table.toString();
}
