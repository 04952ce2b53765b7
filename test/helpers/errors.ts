/** The ScalingError a call throws, as its String() (message with location); fails the test otherwise. */
import { expect } from "vitest";
import { ScalingError } from "../../src/errors.js";

export function scalingErrorOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ScalingError);
    return String(error);
  }
  throw new Error("expected a ScalingError");
}
