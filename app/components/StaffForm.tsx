import {
  getCollectionProps,
  getFormProps,
  getInputProps,
  getSelectProps,
  useForm,
  type SubmissionResult,
} from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { Form } from "@remix-run/react";
import { DUTIES, DUTY_LABELS } from "~/domain/duties.ts";
import { ROLES } from "~/domain/roles.ts";
import { StaffRecordForm, type StaffRecordInput } from "~/domain/staff-record.ts";
import { t } from "~/lib/i18n.ts";
import { Field } from "./Field.tsx";

export type StaffFormOptions = {
  organisations: { id: string; name: string; sections: { id: number; name: string }[] }[];
  employeeTypes: { code: string; name: string }[];
};

/** Create and edit form of a member of staff; validated in the browser and again on the server. */
export function StaffForm({
  options,
  defaultValue,
  lastResult,
  submitLabel,
}: {
  options: StaffFormOptions;
  defaultValue?: Partial<Record<keyof StaffRecordInput, string | number | null | readonly string[]>>;
  lastResult?: SubmissionResult<string[]> | null;
  submitLabel: string;
}) {
  const [form, fields] = useForm<StaffRecordInput>({
    lastResult,
    defaultValue:
      defaultValue &&
      Object.fromEntries(
        Object.entries(defaultValue).map(([k, v]) => [k, v === null ? "" : Array.isArray(v) ? v : String(v)]),
      ),
    constraint: getZodConstraint(StaffRecordForm),
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: StaffRecordForm }),
  });
  return (
    <Form method="post" className="form form-grid" {...getFormProps(form)}>
      <input type="hidden" name="intent" value="save" />
      <Field field={fields.employeeNumber} label={t("staff.employeeNumber")}>
        <input {...getInputProps(fields.employeeNumber, { type: "text" })} inputMode="numeric" autoComplete="off" />
      </Field>
      <Field field={fields.name} label={t("staff.name")}>
        <input {...getInputProps(fields.name, { type: "text" })} autoComplete="off" />
      </Field>
      <Field field={fields.nameKana} label={t("staff.nameKana")}>
        <input {...getInputProps(fields.nameKana, { type: "text" })} autoComplete="off" />
      </Field>
      <Field field={fields.organisationId} label={t("staff.organisation")}>
        <select {...getSelectProps(fields.organisationId)}>
          <option value="">—</option>
          {options.organisations.map((org) => (
            <option key={org.id} value={org.id}>
              {org.name}
            </option>
          ))}
        </select>
      </Field>
      <Field field={fields.sectionId} label={t("staff.section")}>
        <select {...getSelectProps(fields.sectionId)}>
          <option value="">{t("staff.noSection")}</option>
          {options.organisations.map((org) => (
            <optgroup key={org.id} label={org.name}>
              {org.sections.map((section) => (
                <option key={section.id} value={section.id}>
                  {section.name}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
      </Field>
      <Field field={fields.employeeTypeCode} label={t("staff.employeeType")}>
        <select {...getSelectProps(fields.employeeTypeCode)}>
          <option value="">—</option>
          {options.employeeTypes.map((type) => (
            <option key={type.code} value={type.code}>
              {type.name}
            </option>
          ))}
        </select>
      </Field>
      <Field field={fields.role} label={t("staff.role")}>
        <select {...getSelectProps(fields.role)}>
          {ROLES.map((role) => (
            <option key={role} value={role}>
              {t(`role.${role}`)}
            </option>
          ))}
        </select>
      </Field>
      <fieldset className="field" aria-describedby={fields.duties.descriptionId}>
        <legend>{t("staff.duties")}</legend>
        {getCollectionProps(fields.duties, { type: "checkbox", options: [...DUTIES] }).map((props) => (
          <label key={props.id} className="checkbox">
            <input {...props} /> {DUTY_LABELS[props.value as (typeof DUTIES)[number]]}
          </label>
        ))}
        <p id={fields.duties.descriptionId} className="field-hint">
          {t("staff.dutiesHint")}
        </p>
        {fields.duties.errors?.length ? (
          <p id={fields.duties.errorId} className="field-error" role="alert">
            {fields.duties.errors.join(" ")}
          </p>
        ) : null}
      </fieldset>
      <Field field={fields.startDate} label={t("staff.startDate")}>
        <input {...getInputProps(fields.startDate, { type: "date" })} />
      </Field>
      <Field field={fields.appointmentStart} label={t("staff.appointmentStart")} hint={t("staff.appointmentHint")}>
        <input
          {...getInputProps(fields.appointmentStart, {
            type: "date",
            ariaDescribedBy: fields.appointmentStart.descriptionId,
          })}
        />
      </Field>
      <Field field={fields.appointmentEnd} label={t("staff.appointmentEnd")}>
        <input {...getInputProps(fields.appointmentEnd, { type: "date" })} />
      </Field>
      <Field field={fields.email} label={t("staff.email")}>
        <input {...getInputProps(fields.email, { type: "email" })} autoComplete="off" />
      </Field>
      <div className="form-actions">
        <button type="submit" className="button button-primary">
          {submitLabel}
        </button>
      </div>
    </Form>
  );
}
