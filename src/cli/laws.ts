/** `scaling laws`: the presets, their constants, equations and sources. */
import type { Command } from "@commander-js/extra-typings";
import { PRESETS } from "../laws/presets.js";
import type { LawId } from "../laws/types.js";
import { renderTable } from "../report/table.js";
import type { CliContext } from "./context.js";
import { json } from "./options.js";

/** Each law's equation and where it comes from (shared/laws.md). */
export const LAW_FORMS: Record<LawId, { form: string; cite: string }> = {
  n: { form: "L(N) = (Nc/N)^alphaN", cite: "Kaplan eq. 1.1" },
  d: { form: "L(D) = (Dc/D)^alphaD", cite: "Kaplan eq. 1.2" },
  cmin: { form: "L(Cmin) = (Cc/Cmin)^alphaC, Cc in PF-days", cite: "Kaplan eq. 1.3" },
  bcrit: { form: "Bcrit(L) = Bstar / L^(1/alphaB), tokens", cite: "Kaplan eq. 1.4" },
  nd: { form: "L(N,D) = [(Nc/N)^(alphaN/alphaD) + Dc/D]^alphaD", cite: "Kaplan eq. 1.5, Table 2" },
  ns: { form: "L(N,Smin) = (Nc/N)^alphaN + (Sc/Smin)^alphaS", cite: "Kaplan eq. 1.6, Table 3" },
  chinchilla: { form: "L(N,D) = E + A/N^alpha + B/D^beta", cite: "Hoffmann et al. 2022, Approach 3" },
};

export function registerLaws(program: Command, context: CliContext): void {
  program
    .command("laws")
    .description("the preset laws, their constants, equations and sources")
    .option("--json", "one JSON document on stdout (README, JSON output)")
    .addHelpText(
      "after",
      `
Examples:
  scaling laws
  scaling laws --json`,
    )
    .action((options) => {
      if (options.json) {
        context.stdout(
          json({
            presets: PRESETS.map((preset) => ({
              name: preset.name,
              source: preset.source,
              laws: Object.entries(preset.laws).map(([id, params]) => ({
                law: id,
                form: LAW_FORMS[id as LawId].form,
                cite: LAW_FORMS[id as LawId].cite,
                params,
              })),
            })),
          }),
        );
        return;
      }
      const blocks = PRESETS.map((preset) => {
        const rows = Object.entries(preset.laws).map(([id, params]) => [
          id,
          LAW_FORMS[id as LawId].form,
          Object.entries(params as unknown as Record<string, number>)
            .map(([name, value]) => `${name} = ${Number(value.toPrecision(6))}`)
            .join(", "),
          LAW_FORMS[id as LawId].cite,
        ]);
        return `${context.color.bold(preset.name)}  ${context.color.dim(preset.source)}\n${renderTable(["law", "form", "constants", "equation"], rows, ["left", "left", "left", "left"])}`;
      });
      context.stdout(`${blocks.join("\n\n")}\n`);
    });
}
