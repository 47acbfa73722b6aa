import type { FieldMetadata } from "@conform-to/react";
import type { ReactNode } from "react";

/**
 * A labelled form control with its hint and errors. Errors are announced
 * (role="alert") and tied to the control by Conform's aria-describedby.
 */
export function Field({
  field,
  label,
  hint,
  children,
}: {
  field: FieldMetadata<unknown>;
  label: string;
  hint?: string;
  children: ReactNode;
}) {
  return (
    <div className="field">
      <label htmlFor={field.id}>{label}</label>
      {children}
      {hint ? (
        <p id={field.descriptionId} className="field-hint">
          {hint}
        </p>
      ) : null}
      {field.errors?.length ? (
        <p id={field.errorId} className="field-error" role="alert">
          {field.errors.join(" ")}
        </p>
      ) : null}
    </div>
  );
}
