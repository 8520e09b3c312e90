/** The core's messages as the unit tests read them. */
import { english, renderArgs, type Message, type Render } from '../../src/core/common/messages';

/** A validation rule that answers with its problem in English (or undefined when the value is fine). */
export const inEnglish = (rule: (value: string) => Message | undefined) => (value: string): string | undefined => {
  const problem = rule(value);
  return problem && english(problem);
};

/**
 * A render that shows which message said what, as `<id|argument|…>`: any sentence not built from
 * messages shows up as plain text.
 */
export const tagged: Render = (m) => `<${m.id}|${renderArgs(m, tagged).join('|')}>`;
