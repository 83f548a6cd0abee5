/**
 * The lazy chunk of the renderer: React, @rjsf/core and the theme. FormRenderer.vue imports it
 * when it mounts, so the app's first page carries none of it.
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { FormworkForm, type FormworkFormProps } from './FormworkForm.js';
import '../styles.css';

export interface MountedForm {
  update(props: FormworkFormProps): void;
  unmount(): void;
}

/** Mounts the form into `element` (a React root inside the Vue component's element). */
export function mountForm(element: HTMLElement, props: FormworkFormProps): MountedForm {
  const root = createRoot(element);
  const render = (p: FormworkFormProps) =>
    root.render(
      <StrictMode>
        <FormworkForm {...p} />
      </StrictMode>,
    );
  render(props);
  return { update: render, unmount: () => root.unmount() };
}
