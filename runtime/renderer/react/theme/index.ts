import { withTheme, type ThemeProps } from '@rjsf/core';
import {
  AddButton,
  ArrayFieldItemTemplate,
  ArrayFieldTemplate,
  NoButton,
  RemoveButton,
  SubmitButton,
} from './templates/ArrayTemplates.js';
import { FieldTemplate } from './templates/FieldTemplate.js';
import { DescriptionFieldTemplate, Nothing, TitleFieldTemplate } from './templates/misc.js';
import { ObjectFieldTemplate } from './templates/ObjectFieldTemplate.js';
import { BaseInputTemplate } from './widgets/BaseInputTemplate.js';
import { DateWidget } from './widgets/DateWidget.js';
import { SelectWidget } from './widgets/SelectWidget.js';
import { CheckboxWidget, TextareaWidget, TextWidget } from './widgets/simpleWidgets.js';

/**
 * The Formwork theme for @rjsf/core: React widgets and templates drawn with Element Plus's CSS
 * (its classes and variables), as rjsf's own themes are built: a map of widgets and a map of
 * templates given to `withTheme` (rjsf packages/antd/src/index.ts). STYLE #16.
 */
export const formworkTheme: ThemeProps = {
  widgets: {
    TextWidget,
    TextareaWidget,
    SelectWidget,
    RadioWidget: SelectWidget,
    CheckboxesWidget: SelectWidget,
    CheckboxWidget,
    DateWidget,
    UpDownWidget: TextWidget,
  },
  templates: {
    BaseInputTemplate,
    FieldTemplate,
    ObjectFieldTemplate,
    ArrayFieldTemplate,
    ArrayFieldItemTemplate,
    ArrayFieldTitleTemplate: Nothing,
    ArrayFieldDescriptionTemplate: Nothing,
    TitleFieldTemplate,
    DescriptionFieldTemplate,
    ErrorListTemplate: Nothing,
    FieldErrorTemplate: Nothing,
    FieldHelpTemplate: Nothing,
    ButtonTemplates: {
      AddButton,
      RemoveButton,
      SubmitButton,
      CopyButton: NoButton,
      MoveUpButton: NoButton,
      MoveDownButton: NoButton,
      ClearButton: NoButton,
    },
  },
};

export const ThemedForm = withTheme(formworkTheme);
