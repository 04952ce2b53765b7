/** The colour functions reports take (chalk's when colour is on, see cli/context.ts). */
export interface Colors {
  bold: (text: string) => string;
  dim: (text: string) => string;
  green: (text: string) => string;
  red: (text: string) => string;
  yellow: (text: string) => string;
}

const same = (text: string): string => text;

/** No colour: every function returns its text. */
export const NO_COLORS: Colors = { bold: same, dim: same, green: same, red: same, yellow: same };
