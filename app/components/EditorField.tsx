import { cloneElement, isValidElement, type ReactElement, type ReactNode } from "react";
import { t } from "~/lib/i18n.ts";

/**
 * A labelled control of the content editor with the validator's problem
 * beside it: announced (role="alert") and tied to the control by
 * aria-describedby, the control marked aria-invalid.
 */
export function EditorField({
  id,
  label,
  error,
  children,
}: {
  id: string;
  label: string;
  error?: string;
  children: ReactElement;
}) {
  const control = isValidElement(children)
    ? cloneElement(children as ReactElement<Record<string, unknown>>, {
        "aria-invalid": error ? true : undefined,
        "aria-describedby": error ? `${id}-error` : undefined,
      })
    : children;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {control}
      {error ? (
        <p id={`${id}-error`} className="field-error" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** Problems that belong to the item but to no one field of the form. */
export function ProblemList({ problems }: { problems: { message: string }[] }): ReactNode {
  if (problems.length === 0) return null;
  return (
    <div className="notice notice-error" role="alert">
      <p>{t("content.problems", { count: problems.length })}</p>
      <ul>
        {problems.map((p, i) => (
          <li key={i}>{p.message}</li>
        ))}
      </ul>
    </div>
  );
}
