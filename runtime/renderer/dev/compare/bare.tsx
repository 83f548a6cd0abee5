/**
 * The ceiling of the renderer's measurements: a bare @rjsf/core page of the same render schema
 * with @rjsf/validator-ajv8 (it compiles with `new Function`: served without the CSP), no theme,
 * no FormSession. `?form=` as the dev page; the schema is the compiled form's `render('zh')`.
 */
import { FormCompiler, type CodeTable, type FormDefinition } from '@formwork/definitions';
import Form from '@rjsf/core';
import type { RJSFSchema, UiSchema } from '@rjsf/utils';
import validator from '@rjsf/validator-ajv8';
import { useState } from 'react';
import { createRoot } from 'react-dom/client';

const key = new URLSearchParams(location.search).get('form') ?? 'hypertension-followup';
const served = (await (await fetch(`/api/forms/${key}`)).json()) as {
  definition: FormDefinition;
  codeTables: Record<string, CodeTable>;
};
const rendered = new FormCompiler({ codeTables: served.codeTables })
  .compile(served.definition)
  .render('zh');

function Bare() {
  const [data, setData] = useState<unknown>({});
  return (
    <Form
      schema={rendered.schema as RJSFSchema}
      uiSchema={rendered.uiSchema as UiSchema}
      formData={data}
      validator={validator}
      noHtml5Validate
      onChange={(e) => setData(e.formData)}
    />
  );
}

createRoot(document.getElementById('app')!).render(<Bare />);
