import type { LocalizedMessage } from '../validation/formErrors.js';

/** An indicator or an input evaluateIndicator cannot evaluate; `text` is the message in zh and en. */
export class IndicatorError extends Error {
  override name = 'IndicatorError';
  readonly text: LocalizedMessage;
  constructor(text: LocalizedMessage) {
    super(`${text.zh} / ${text.en}`);
    this.text = text;
  }
}
