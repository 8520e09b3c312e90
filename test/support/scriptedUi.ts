import { BACK, type Back, type InputOptions, type MessageLevel, type MessageOptions, type PickOptions, type Ui } from '../../src/ui/ui';

/**
 * A `Ui` that answers from a queue, for tests running inside VS Code. It is installed only when the
 * extension runs in test mode. Answers: a string (the pick's label, its start, or its value; the text
 * to type; the message action), `'$back'`, `'$cancel'`. An input answer that fails validation is
 * recorded with the validation message and the next answer is tried, as a user would retype.
 */
export interface TranscriptEntry {
  kind: 'pick' | 'input' | 'message';
  title?: string;
  step?: number;
  totalSteps?: number;
  back?: boolean;
  text: string;
  items?: string[];
  value?: string;
  password?: boolean;
  answer: string | undefined;
  validation?: string;
  level?: MessageLevel;
  modal?: boolean;
  /** performance.now() when the question was asked (the bench times flows between questions). */
  at?: number;
}

export class ScriptedUi implements Ui {
  readonly transcript: TranscriptEntry[] = [];
  private readonly answers: string[] = [];

  queue(...answers: string[]): void {
    this.answers.push(...answers);
  }

  pending(): number {
    return this.answers.length;
  }

  reset(): void {
    this.answers.length = 0;
    this.transcript.length = 0;
  }

  async pick<T>(options: PickOptions<T>): Promise<T | Back | undefined> {
    const answer = this.answers.shift();
    const entry: TranscriptEntry = {
      kind: 'pick', title: options.title, step: options.step, totalSteps: options.totalSteps, back: options.back,
      text: options.placeholder, items: options.items.map((i) => i.label), answer,
    };
    entry.at = performance.now();
    this.transcript.push(entry);
    if (answer === undefined || answer === '$cancel') {
      return undefined;
    }
    if (answer === '$back') {
      return options.back ? BACK : undefined;
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

  async input(options: InputOptions): Promise<string | Back | undefined> {
    for (;;) {
      const answer = this.answers.shift();
      const entry: TranscriptEntry = {
        kind: 'input', title: options.title, step: options.step, totalSteps: options.totalSteps, back: options.back,
        text: options.prompt, value: options.password ? undefined : options.value, password: options.password, answer: options.password ? '***' : answer,
      };
      entry.at = performance.now();
      this.transcript.push(entry);
      if (answer === undefined || answer === '$cancel') {
        return undefined;
      }
      if (answer === '$back') {
        return options.back ? BACK : undefined;
      }
      const message = options.validate?.(answer);
      if (message === undefined) {
        return answer;
      }
      entry.validation = message;
    }
  }

  async message<A extends string>(level: MessageLevel, text: string, options: MessageOptions, ...actions: A[]): Promise<A | undefined> {
    const peek = this.answers[0];
    // Non-modal notifications the script does not answer are recorded and left alone.
    const answers = peek !== undefined && (actions as string[]).includes(peek) ? this.answers.shift() : options.modal ? this.answers.shift() : undefined;
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
