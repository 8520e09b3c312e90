/**
 * Every question the extension asks goes through `Ui`: quick picks, input boxes and messages.
 * The real implementation drives VS Code's QuickInput API; the scripted one (tests only) answers
 * from a queue while applying the very same validation, so flows are testable inside VS Code.
 */

/** What a step returns when the user pressed Back. */
export const BACK = Symbol('vued.back');
export type Back = typeof BACK;

export interface PickItem<T> {
  label: string;
  description?: string;
  detail?: string;
  value: T;
}

interface StepInfo {
  title: string;
  step?: number;
  totalSteps?: number;
  /** Show a Back button (from step 2 on). */
  back?: boolean;
}

export interface PickOptions<T> extends StepInfo {
  placeholder: string;
  items: PickItem<T>[];
  /** The item to highlight first. */
  active?: T;
}

/** What typed text (not an item) does in a multi-select pick. */
export type TypedAnswer =
  /** Enter adds these values to the checked ones; `label` is the item that says so. */
  | { values: string[]; label: string }
  /** The text cannot be accepted: the pick stays open and shows why. */
  | { problem: string };

/**
 * A multi-select pick over string values that also takes typed values: the items are check boxes,
 * `picked` checked at first, and text typed in the box is read by `typed` (undefined for text that
 * adds nothing, such as blanks).
 */
export interface PickManyOptions extends StepInfo {
  placeholder: string;
  items: PickItem<string>[];
  picked: readonly string[];
  typed: (text: string) => TypedAnswer | undefined;
}

/**
 * The answer of a multi-select pick: the checked values in the order of the items, then the typed
 * ones that are new, each once.
 */
export function pickedValues(items: readonly PickItem<string>[], checked: ReadonlySet<string>, typed: readonly string[]): string[] {
  return [...new Set([...items.map((i) => i.value).filter((v) => checked.has(v)), ...typed])];
}

/** A button of an input box, beside its title: it runs its action and leaves the box open. */
export interface InputButton {
  /** A codicon id, such as `link-external`. */
  icon: string;
  /** Its name (the tooltip and what a screen reader says). */
  tooltip: string;
  run(): unknown;
}

export interface InputOptions extends StepInfo {
  prompt: string;
  value?: string;
  placeholder?: string;
  password?: boolean;
  ignoreFocusOut?: boolean;
  validate?: (value: string) => string | undefined;
  /** Buttons beside the title (after Back). */
  buttons?: readonly InputButton[];
  /**
   * Checks a value that passed `validate` once it is accepted (Enter), while the box shows busy and
   * takes no typing: a sentence keeps the box open with it and with the typed value; undefined
   * closes the box with the value. Closing the box meanwhile aborts `signal` and answers undefined.
   */
  accept?: (value: string, signal: AbortSignal) => Promise<string | undefined>;
}

export interface MessageOptions {
  modal?: boolean;
  detail?: string;
  /** Title of a modal's close button (its answer is `undefined`, like Escape). */
  closeTitle?: string;
}

export type MessageLevel = 'info' | 'warning' | 'error';

export interface Ui {
  /** The chosen value, BACK, or undefined when cancelled. */
  pick<T>(options: PickOptions<T>): Promise<T | Back | undefined>;
  /** The checked and typed values (see pickedValues), BACK, or undefined when cancelled. */
  pickMany(options: PickManyOptions): Promise<string[] | Back | undefined>;
  /** The accepted (validated) value, BACK, or undefined when cancelled. */
  input(options: InputOptions): Promise<string | Back | undefined>;
  /** The chosen action, or undefined when dismissed. */
  message<A extends string>(level: MessageLevel, text: string, options: MessageOptions, ...actions: A[]): Promise<A | undefined>;
}
