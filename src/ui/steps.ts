import { BACK, type Back } from './ui';

/** What a step answers: go on, go back one step (its answer kept in the shared state), or cancel. */
export type StepResult = 'next' | Back | undefined;

/**
 * One question of a multi-step input. It writes its answer into state the caller shares between
 * the steps and shows `step` of `totalSteps`, with a Back button when `back` is true.
 */
export type Step = (step: number, totalSteps: number, back: boolean) => Promise<StepResult>;

/**
 * The one multi-step runner: runs `steps` in order, going back one step on BACK (the first step
 * stays where it is) and stopping on undefined (Escape). True when every step answered 'next'.
 */
export async function runSteps(steps: readonly Step[]): Promise<boolean> {
  let i = 0;
  while (i < steps.length) {
    const result = await steps[i](i + 1, steps.length, i > 0);
    if (result === undefined) {
      return false;
    }
    i = result === BACK ? Math.max(0, i - 1) : i + 1;
  }
  return true;
}
