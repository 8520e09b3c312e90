import { BACK, type Back, type InputOptions, type MessageLevel, type MessageOptions, type PickManyOptions, type PickOptions, pickedValues, type Ui } from '../../src/ui/ui';

/**
 * A `Ui` that answers from a queue, for tests running inside VS Code. It is installed only when the
 * extension runs in test mode. Answers: a string (the pick's label, its start, or its value; the text
 * to type; the message action), `'$back'`, `'$cancel'`. An input answer that fails validation is
 * recorded with the validation message and the next answer is tried, as a user would retype.
 * An answer can also be a function, called at the moment the question is asked (while the flow
 * waits for the user) and answering with what it returns: a test can change files right then.
 * Functions answer picks, inputs and modal messages only. `$button:<tooltip>` presses one of an
 * input box's own buttons, which leaves the box open for the next answer. A box with a check of
 * its accepted value (InputOptions.accept) runs it as the real box does; a refusal is recorded as
 * the entry's validation and the next answer is tried.
 * A multi-select pick (pickMany) is answered as a user does: `$toggle:<label or value>` checks or
 * unchecks one item and leaves the pick open for the next answer; any other string is text typed in
 * the box followed by Enter (an empty string: Enter alone, the checked items as they are). Typed text
 * the pick refuses is recorded as the entry's validation and the next answer is tried.
 */
export type Answer = string | ((question: string) => string | Promise<string>);

/** An answer that checks or unchecks an item of a multi-select pick (`$toggle:billing`). */
const TOGGLE = '$toggle:';

/** An answer that presses the input box's button of this tooltip (`$button:Get a Token`) instead of typing. */
const BUTTON = '$button:';

export interface TranscriptEntry {
  kind: 'pick' | 'input' | 'message';
  title?: string;
  step?: number;
  totalSteps?: number;
  back?: boolean;
  text: string;
  items?: string[];
  /** A pick's item descriptions, in the order of items. */
  descriptions?: Array<string | undefined>;
  /** A multi-select pick (pickMany). */
  many?: boolean;
  /** A multi-select pick's checked items (labels) when the answer was given. */
  picked?: string[];
  /** The row a multi-select pick showed for the typed answer (`Add scope "x"`). */
  offered?: string;
  /** What a multi-select pick answered (its checked and typed values). */
  result?: string[];
  /** The label of the pick's item highlighted first (what Enter alone chooses). */
  active?: string;
  value?: string;
  /** An input's placeholder (the hint shown while it is empty). */
  placeholder?: string;
  password?: boolean;
  /** The tooltips of the box's own buttons (beside Back). */
  buttons?: string[];
  /** The accepted value went through the box's check (and `validation` holds its refusal, if any). */
  checked?: boolean;
  answer: string | undefined;
  validation?: string;
  level?: MessageLevel;
  modal?: boolean;
  /** performance.now() when the question was asked (the bench times flows between questions). */
  at?: number;
}

export class ScriptedUi implements Ui {
  readonly transcript: TranscriptEntry[] = [];
  private readonly answers: Answer[] = [];

  queue(...answers: Answer[]): void {
    this.answers.push(...answers);
  }

  private async take(question: string): Promise<string | undefined> {
    const next = this.answers.shift();
    return typeof next === 'function' ? next(question) : next;
  }

  pending(): number {
    return this.answers.length;
  }

  reset(): void {
    this.answers.length = 0;
    this.transcript.length = 0;
  }

  /** Records a question, timed now; says whether its answer cancels or goes back. */
  private asked(entry: TranscriptEntry, answer: string | undefined, back: boolean | undefined): { ends?: Back | undefined } {
    entry.at = performance.now();
    this.transcript.push(entry);
    if (answer === undefined || answer === '$cancel') {
      return { ends: undefined };
    }
    if (answer === '$back') {
      return { ends: back ? BACK : undefined };
    }
    return {};
  }

  async pick<T>(options: PickOptions<T>): Promise<T | Back | undefined> {
    const answer = await this.take(options.placeholder);
    const entry: TranscriptEntry = {
      kind: 'pick', title: options.title, step: options.step, totalSteps: options.totalSteps, back: options.back,
      text: options.placeholder, items: options.items.map((i) => i.label), answer,
      descriptions: options.items.map((i) => i.description),
      active: (options.items.find((i) => i.value === options.active) ?? options.items[0])?.label,
    };
    const asked = this.asked(entry, answer, options.back);
    if ('ends' in asked || answer === undefined) {
      return asked.ends;
    }
    const item =
      options.items.find((i) => i.label === answer) ??
      options.items.find((i) => typeof i.value === 'string' && i.value === answer) ??
      options.items.find((i) => i.label.startsWith(answer));
    if (!item) {
      throw new Error(`scripted answer "${answer}" matches no item of "${options.placeholder}": ${entry.items?.join(' | ')}`);
    }
    return item.value;
  }

  async pickMany(options: PickManyOptions): Promise<string[] | Back | undefined> {
    const checked = new Set(options.picked);
    for (;;) {
      const answer = await this.take(options.placeholder);
      const entry: TranscriptEntry = {
        kind: 'pick', many: true, title: options.title, step: options.step, totalSteps: options.totalSteps, back: options.back,
        text: options.placeholder, items: options.items.map((i) => i.label), descriptions: options.items.map((i) => i.description),
        picked: options.items.filter((i) => checked.has(i.value)).map((i) => i.label), answer,
      };
      if (answer?.startsWith(TOGGLE)) {
        this.asked(entry, answer, options.back);
        const name = answer.slice(TOGGLE.length);
        const item = options.items.find((i) => i.label === name) ?? options.items.find((i) => i.value === name);
        if (!item) {
          throw new Error(`scripted answer "${answer}" matches no item of "${options.placeholder}": ${entry.items?.join(' | ')}`);
        }
        if (!checked.delete(item.value)) {
          checked.add(item.value);
        }
        continue;
      }
      const asked = this.asked(entry, answer, options.back);
      if ('ends' in asked || answer === undefined) {
        return asked.ends;
      }
      const typed = options.typed(answer);
      if (typed && 'problem' in typed) {
        entry.validation = typed.problem;
        continue;
      }
      entry.offered = typed?.label;
      entry.result = pickedValues(options.items, checked, typed?.values ?? []);
      return entry.result;
    }
  }

  async input(options: InputOptions): Promise<string | Back | undefined> {
    for (;;) {
      const answer = await this.take(options.prompt);
      const entry: TranscriptEntry = {
        kind: 'input', title: options.title, step: options.step, totalSteps: options.totalSteps, back: options.back,
        text: options.prompt, value: options.password ? undefined : options.value, placeholder: options.placeholder, password: options.password, answer: options.password ? '***' : answer,
        buttons: options.buttons?.map((b) => b.tooltip),
      };
      if (answer?.startsWith(BUTTON)) {
        // A press of one of the box's own buttons: it runs, and the box stays open for the next answer.
        entry.answer = answer;
        this.asked(entry, answer, options.back);
        const button = options.buttons?.find((b) => b.tooltip === answer.slice(BUTTON.length));
        if (!button) {
          throw new Error(`scripted answer "${answer}" is no button of "${options.prompt}": ${entry.buttons?.join(' | ') ?? 'none'}`);
        }
        await button.run();
        continue;
      }
      const asked = this.asked(entry, answer, options.back);
      if ('ends' in asked || answer === undefined) {
        return asked.ends;
      }
      const message = options.validate?.(answer);
      if (message !== undefined) {
        entry.validation = message;
        continue;
      }
      // The check of an accepted value (the box busy meanwhile): a refusal keeps the box open.
      const refused = options.accept ? await options.accept(answer, new AbortController().signal) : undefined;
      entry.checked = options.accept !== undefined;
      if (refused === undefined) {
        return answer;
      }
      entry.validation = refused;
    }
  }

  async message<A extends string>(level: MessageLevel, text: string, options: MessageOptions, ...actions: A[]): Promise<A | undefined> {
    const peek = this.answers[0];
    // Non-modal notifications the script does not answer are recorded and left alone.
    const takes = options.modal || (typeof peek === 'string' && (actions as string[]).includes(peek));
    const answers = takes ? await this.take(text) : undefined;
    this.transcript.push({ kind: 'message', level, modal: options.modal, text: options.detail ? `${text}\n${options.detail}` : text, items: [...actions], answer: answers, at: performance.now() });
    if (answers === undefined || answers === '$cancel') {
      return undefined;
    }
    if (!(actions as string[]).includes(answers)) {
      throw new Error(`scripted answer "${answers}" is not an action of "${text}": ${actions.join(' | ')}`);
    }
    return answers as A;
  }
}
