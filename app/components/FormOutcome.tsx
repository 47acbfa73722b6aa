import type { ReactNode } from "react";

/**
 * What became of a form's submission, announced: the error as an alert,
 * what was done as a status. Nothing before the first submission.
 */
export function FormOutcome({ error, done }: { error?: string | null; done?: ReactNode }) {
  return (
    <>
      {error ? (
        <p role="alert" className="form-error">
          {error}
        </p>
      ) : null}
      {done ? (
        <p role="status" className="notice">
          {done}
        </p>
      ) : null}
    </>
  );
}
