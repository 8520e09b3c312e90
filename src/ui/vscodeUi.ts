import * as vscode from 'vscode';
import { BACK, type Back, type InputOptions, type MessageLevel, type MessageOptions, type PickItem, type PickManyOptions, type PickOptions, pickedValues, type TypedAnswer, type Ui } from './ui';

/** A row of a multi-select pick: an item (value), the typed values Enter adds (typed), or why the text cannot be accepted (neither). */
type ManyRow = vscode.QuickPickItem & { value?: string; typed?: string[] };

/** `Ui` over VS Code's QuickPick, InputBox and message APIs. */
export class VscodeUi implements Ui {
  pick<T>(options: PickOptions<T>): Promise<T | Back | undefined> {
    const qp = stepPick<vscode.QuickPickItem & { item: PickItem<T> }>(options);
    qp.items = options.items.map((item) => ({ label: item.label, description: item.description, detail: item.detail, item }));
    const active = qp.items.find((i) => i.item.value === options.active);
    if (active) {
      qp.activeItems = [active];
    }
    return answerOf<T>(qp, (finish) => [
      qp.onDidAccept(() => {
        const chosen = qp.selectedItems[0] ?? qp.activeItems[0];
        if (chosen) {
          finish(chosen.item.value);
        }
      }),
    ]);
  }

  /**
   * Check boxes, every item shown whatever is typed (the text is not a filter: it is what Enter
   * adds). Typed text is shown first as its own row, `Add scope "x"`, or as the reason it cannot be
   * accepted, and Enter then does nothing. Checking the typed row turns its values into checked items.
   */
  pickMany(options: PickManyOptions): Promise<string[] | Back | undefined> {
    const qp = stepPick<ManyRow>(options);
    qp.canSelectMany = true;
    const items = [...options.items];
    const checked = new Set(options.picked);
    let typed: TypedAnswer | undefined;
    const render = () => {
      const first: ManyRow[] = [];
      if (typed && 'problem' in typed) {
        first.push({ label: `$(error) ${typed.problem}`, alwaysShow: true });
      } else if (typed) {
        first.push({ label: `$(add) ${typed.label}`, alwaysShow: true, typed: typed.values });
      }
      const rows: ManyRow[] = items.map((i) => ({ label: i.label, description: i.description, detail: i.detail, alwaysShow: true, value: i.value }));
      qp.items = [...first, ...rows];
      qp.selectedItems = rows.filter((r) => checked.has(r.value!));
      if (first.length) {
        qp.activeItems = first;
      }
    };
    render();
    return answerOf<string[]>(qp, (finish) => [
      qp.onDidChangeValue((text) => {
        typed = options.typed(text);
        render();
      }),
      qp.onDidChangeSelection((selected) => {
        checked.clear();
        let stray = false;
        for (const row of selected) {
          if (row.value !== undefined) {
            checked.add(row.value);
          } else if (row.typed) {
            // The typed row checked: its values become items of their own, checked, and the box is cleared.
            for (const v of row.typed) {
              if (!items.some((i) => i.value === v)) {
                items.push({ label: v, value: v });
              }
              checked.add(v);
            }
            typed = undefined;
            qp.value = '';
            stray = true;
          } else {
            stray = true;
          }
        }
        if (stray) {
          render();
        }
      }),
      qp.onDidAccept(() => {
        const answer = options.typed(qp.value);
        if (answer && 'problem' in answer) {
          typed = answer;
          render();
          return;
        }
        const fromRows = qp.selectedItems.flatMap((r) => (r.value !== undefined ? [r.value] : (r.typed ?? [])));
        finish(pickedValues(items, new Set(fromRows), [...fromRows, ...(answer?.values ?? [])]));
      }),
    ]);
  }

  input(options: InputOptions): Promise<string | Back | undefined> {
    const box = vscode.window.createInputBox();
    box.title = options.title;
    box.step = options.step;
    box.totalSteps = options.totalSteps;
    box.prompt = options.prompt;
    box.value = options.value ?? '';
    box.placeholder = options.placeholder;
    box.password = options.password ?? false;
    box.ignoreFocusOut = options.ignoreFocusOut ?? true;
    const own = (options.buttons ?? []).map((b) => ({ iconPath: new vscode.ThemeIcon(b.icon), tooltip: b.tooltip, run: () => b.run() }));
    box.buttons = [...(options.back ? [vscode.QuickInputButtons.Back] : []), ...own];
    const validate = options.validate ?? (() => undefined);
    return new Promise((resolve) => {
      const disposables: vscode.Disposable[] = [];
      let done = false;
      /** The check of an accepted value on its way, and how to call it off. */
      let checking: AbortController | undefined;
      const finish = (result: string | Back | undefined) => {
        if (done) {
          return;
        }
        done = true;
        checking?.abort();
        for (const d of disposables) {
          d.dispose();
        }
        box.dispose();
        resolve(result);
      };
      const check = async (value: string): Promise<void> => {
        const accept = options.accept;
        if (!accept) {
          finish(value);
          return;
        }
        const controller = new AbortController();
        checking = controller;
        box.busy = true;
        let refused: string | undefined;
        try {
          refused = await accept(value, controller.signal);
        } finally {
          if (checking === controller) {
            checking = undefined;
          }
        }
        if (done || controller.signal.aborted) {
          return;
        }
        if (refused === undefined) {
          finish(value);
          return;
        }
        // Open again, with the typed value kept and the reason under it.
        box.busy = false;
        box.enabled = true;
        box.validationMessage = refused;
      };
      disposables.push(
        box.onDidTriggerButton((b) => {
          if (b === vscode.QuickInputButtons.Back) {
            finish(BACK);
            return;
          }
          const mine = own.find((o) => o === b);
          void Promise.resolve(mine?.run()).catch(() => undefined);
        }),
        box.onDidChangeValue((v) => {
          box.validationMessage = v === '' ? undefined : validate(v);
        }),
        box.onDidAccept(() => {
          if (checking || !box.enabled) {
            return;
          }
          const message = validate(box.value);
          box.validationMessage = message;
          if (message === undefined) {
            // Accept once: a second Enter while the box checks or closes must not answer twice.
            box.enabled = false;
            check(box.value).catch(() => {
              box.busy = false;
              box.enabled = true;
            });
          }
        }),
        box.onDidHide(() => finish(undefined)),
      );
      box.show();
    });
  }

  async message<A extends string>(level: MessageLevel, text: string, options: MessageOptions, ...actions: A[]): Promise<A | undefined> {
    const items: vscode.MessageItem[] = actions.map((title) => ({ title }));
    if (options.modal && options.closeTitle) {
      items.push({ title: options.closeTitle, isCloseAffordance: true });
    }
    const show =
      level === 'error' ? vscode.window.showErrorMessage : level === 'warning' ? vscode.window.showWarningMessage : vscode.window.showInformationMessage;
    const chosen = await show<vscode.MessageItem>(text, { modal: options.modal ?? false, detail: options.detail }, ...items);
    return chosen && !chosen.isCloseAffordance ? (chosen.title as A) : undefined;
  }
}

/** A quick pick for one step of a flow: its title, step count, placeholder and Back button; it stays open when focus moves. */
function stepPick<I extends vscode.QuickPickItem>(options: Pick<PickManyOptions, 'title' | 'step' | 'totalSteps' | 'placeholder' | 'back'>): vscode.QuickPick<I> {
  const qp = vscode.window.createQuickPick<I>();
  qp.title = options.title;
  qp.step = options.step;
  qp.totalSteps = options.totalSteps;
  qp.placeholder = options.placeholder;
  qp.ignoreFocusOut = true;
  qp.matchOnDescription = true;
  qp.buttons = options.back ? [vscode.QuickInputButtons.Back] : [];
  return qp;
}

/**
 * Shows a quick pick until `finish` is called with its answer, Back (its Back button) or nothing (it
 * was hidden); then its listeners and the pick are disposed. `listen` adds the pick's own listeners.
 */
function answerOf<R>(qp: vscode.QuickPick<vscode.QuickPickItem>, listen: (finish: (result: R | Back | undefined) => void) => vscode.Disposable[]): Promise<R | Back | undefined> {
  return new Promise((resolve) => {
    const disposables: vscode.Disposable[] = [];
    const finish = (result: R | Back | undefined) => {
      for (const d of disposables) {
        d.dispose();
      }
      qp.dispose();
      resolve(result);
    };
    disposables.push(qp.onDidTriggerButton((b) => b === vscode.QuickInputButtons.Back && finish(BACK)), ...listen(finish), qp.onDidHide(() => finish(undefined)));
    qp.show();
  });
}
