import { expect, type Page } from '@playwright/test';

/** The form designer's JSON views (its JSON tab): schema, UI schema, rules, whole definition. */
export type JsonView = 'schema' | 'uiSchema' | 'rules' | 'definition';

/** A view's CodeMirror content (the view chosen first). */
export async function jsonEditor(page: Page, view: JsonView) {
  await page.getByTestId(`json-view-${view}`).click();
  const content = page.getByTestId(`json-body-${view}`).locator('.cm-content');
  await expect(content).toBeVisible();
  return content;
}

/**
 * The whole text of a view's editor. CodeMirror draws only the lines in sight, so the text is
 * read from its state — the view CodeMirror keeps on its content's DOM node, as its own
 * `EditorView.findFromDOM` reads it (`cmTile` in @codemirror/view 6.39+, `cmView` before).
 */
export async function jsonText(page: Page, view: JsonView): Promise<string> {
  const content = await jsonEditor(page, view);
  return content.evaluate((node) => {
    const tile =
      (node as unknown as Record<string, { root: { view: EditorLike } } | undefined>).cmTile ??
      (node as unknown as Record<string, { root: { view: EditorLike } }>).cmView;
    return tile!.root.view.state.doc.toString();
  });
}
interface EditorLike {
  state: { doc: { toString(): string } };
}

/**
 * Pastes into a view as the author does: everything selected (Ctrl+A), then a paste event with
 * the text on its clipboard data, which CodeMirror takes as a paste. `text` is the text, or a
 * size to paste a JSON object of about that many bytes (made in the page).
 */
export async function pasteJson(
  page: Page,
  view: JsonView,
  text: string | { bytes: number },
): Promise<void> {
  const content = await jsonEditor(page, view);
  await content.click();
  await page.keyboard.press('ControlOrMeta+A');
  await content.evaluate((node, text) => {
    const data = new DataTransfer();
    data.setData(
      'text/plain',
      typeof text === 'string'
        ? text
        : JSON.stringify({ type: 'object', description: 'x'.repeat(text.bytes) }),
    );
    node.dispatchEvent(
      new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }),
    );
  }, text);
}

/** Pastes `text` into a view and applies it (the engine answers before the button is free). */
export async function applyJson(
  page: Page,
  view: JsonView,
  text: string | { bytes: number },
): Promise<void> {
  await pasteJson(page, view, text);
  const apply = page.getByTestId('json-apply');
  await apply.click();
  await expect(apply).not.toHaveClass(/is-loading/);
}
