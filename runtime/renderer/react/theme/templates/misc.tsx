import type { DescriptionFieldProps, TitleFieldProps } from '@rjsf/utils';

/** Titles of groups are drawn by the group templates; a stray one as a plain heading. */
export function TitleFieldTemplate({ id, title }: TitleFieldProps) {
  return title ? (
    <div className="fw-group__title" id={id}>
      {title}
    </div>
  ) : null;
}

export function DescriptionFieldTemplate({ id, description }: DescriptionFieldProps) {
  return description ? (
    <div className="fw-description" id={id}>
      {description}
    </div>
  ) : null;
}

/** Errors are drawn by FieldTemplate (from the session) and by the summary, not by rjsf's lists. */
export const Nothing = () => null;
