/**
 * The `scaling` program: commander wiring, error-to-exit-code mapping. Each command lives in
 * its own file and loads heavy modules only when it runs.
 */
import { Command, CommanderError } from "@commander-js/extra-typings";
import { formatLocated, isScalingError } from "../errors.js";
import { registerCheck } from "./check.js";
import type { CliContext } from "./context.js";
import { processContext } from "./context.js";
import { registerFit } from "./fit.js";
import { registerInspect } from "./inspect.js";
import { registerLaws } from "./laws.js";
import { registerPlan } from "./plan.js";
import { registerPredict } from "./predict.js";

export const VERSION = "0.1.0";

/** Exit codes (README, "Exit codes"): 0 success, 1 a check failed, 2 usage or input error. */
export const EXIT_OK = 0;
export const EXIT_CHECK_FAILED = 1;
export const EXIT_USAGE = 2;

export function createProgram(context: CliContext): Command {
  const program = new Command()
    .name("scaling")
    .description("Plan language-model training budgets with scaling laws (Kaplan et al. 2020 and successors).")
    .version(VERSION)
    .option("--debug", "show stack traces of errors")
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({
      writeOut: (text) => context.stdout(text),
      writeErr: (text) => context.stderr(text),
      outputError: (text, write) => write(text.replace(/^error: /, "scaling: ")),
    })
    .addHelpText(
      "after",
      `
Examples:
  scaling plan --compute 1e21
  scaling plan --compute 3.5pf-days --law chinchilla --gpus 64 --gpu h100
  scaling predict --params 1.3e9 --tokens 2.6e10
  scaling laws`,
    );
  registerPlan(program, context);
  registerPredict(program, context);
  registerFit(program, context);
  registerInspect(program, context);
  registerLaws(program, context);
  registerCheck(program, context);
  for (const command of program.commands) {
    command.exitOverride().configureOutput({
      writeOut: (text) => context.stdout(text),
      writeErr: (text) => context.stderr(text),
      outputError: (text, write) => write(text.replace(/^error: /, "scaling: ")),
    });
  }
  return program;
}

/** Runs the program on argv (as process.argv: node, script, args...) and returns the exit code. */
export async function main(argv: string[], given?: CliContext): Promise<number> {
  const context = given ?? (await processContext());
  const program = createProgram(context);
  try {
    await program.parseAsync(argv);
    return context.exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end here with exit code 0; commander already printed its message.
      return error.exitCode === 0 ? EXIT_OK : EXIT_USAGE;
    }
    const debug = argv.includes("--debug");
    if (isScalingError(error)) {
      context.stderr(`scaling: ${formatLocated(error.message, error.location)}\n`);
      if (debug && error.stack) context.stderr(`${error.stack}\n`);
      return EXIT_USAGE;
    }
    const message = error instanceof Error ? error.message : String(error);
    context.stderr(`scaling: internal error: ${message}; please report it (run with --debug for details)\n`);
    if (debug && error instanceof Error && error.stack) context.stderr(`${error.stack}\n`);
    return EXIT_USAGE;
  }
}
