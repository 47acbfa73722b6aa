import { Form } from "@remix-run/react";
import { employeeTypeOptions, FilterSelect, organisationOptions, SectionSelect } from "~/components/FilterFields.tsx";
import { TARGET_ROLES } from "~/domain/drills/campaign.ts";
import { t, type MessageKey } from "~/lib/i18n.ts";

export type CampaignFormValues = {
  name: string;
  scenarioId: string;
  targetKind: "filter" | "list";
  organisationId?: string;
  sectionId?: number;
  employeeTypeCode?: string;
  role?: string;
  employeeNumbers?: string;
  windowStart: string;
  windowEnd: string;
  businessHoursOnly: boolean;
  endDate: string;
};

type Options = {
  scenarios: { id: string; title: string }[];
  organisations: { id: string; name: string; sections: { id: number; name: string }[] }[];
  employeeTypes: { code: string; name: string }[];
};

/** An error under its field, announced, and tied to the control. */
function FieldError({ id, errors }: { id: string; errors?: Record<string, MessageKey> }) {
  const key = errors?.[id];
  return key ? (
    <p id={`${id}-error`} className="field-error" role="alert">
      {t(key)}
    </p>
  ) : null;
}

/** The campaign's fields (new and edit): scenario, targets, send window, end date. */
export function DrillCampaignForm({
  values,
  options,
  errors,
  submitLabel,
  busy,
}: {
  values?: Partial<CampaignFormValues>;
  options: Options;
  errors?: Record<string, MessageKey>;
  submitLabel: string;
  busy: boolean;
}) {
  const invalid = (id: string) => (errors?.[id] ? { "aria-invalid": true, "aria-describedby": `${id}-error` } : {});
  return (
    <Form method="post" className="form-grid card">
      <input type="hidden" name="intent" value="save" />
      <div className="field">
        <label htmlFor="name">{t("drills.form.name")}</label>
        <input id="name" name="name" required maxLength={100} defaultValue={values?.name} {...invalid("name")} />
        <FieldError id="name" errors={errors} />
      </div>
      <div className="field">
        <label htmlFor="scenarioId">{t("drills.form.scenario")}</label>
        <select id="scenarioId" name="scenarioId" defaultValue={values?.scenarioId} {...invalid("scenarioId")}>
          {options.scenarios.map((s) => (
            <option key={s.id} value={s.id}>
              {s.title}
            </option>
          ))}
        </select>
        <FieldError id="scenarioId" errors={errors} />
      </div>
      <fieldset className="field field-wide">
        <legend>{t("drills.form.targets")}</legend>
        <label>
          <input type="radio" name="targetKind" value="filter" defaultChecked={values?.targetKind !== "list"} />{" "}
          {t("drills.form.targetFilter")}
        </label>{" "}
        <label>
          <input type="radio" name="targetKind" value="list" defaultChecked={values?.targetKind === "list"} />{" "}
          {t("drills.form.targetList")}
        </label>
      </fieldset>
      <FilterSelect
        id="organisationId"
        label={t("staff.organisation")}
        options={organisationOptions(options.organisations)}
        defaultValue={values?.organisationId}
      />
      <SectionSelect organisations={options.organisations} defaultValue={values?.sectionId} />
      <FieldError id="sectionId" errors={errors} />
      <FilterSelect
        id="employeeTypeCode"
        label={t("staff.employeeType")}
        options={employeeTypeOptions(options.employeeTypes)}
        defaultValue={values?.employeeTypeCode}
      />
      <FilterSelect
        id="role"
        label={t("drills.form.role")}
        options={TARGET_ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }))}
        defaultValue={values?.role}
      />
      <div className="field field-wide">
        <label htmlFor="employeeNumbers">{t("drills.form.employeeNumbers")}</label>
        <textarea
          id="employeeNumbers"
          name="employeeNumbers"
          rows={3}
          defaultValue={values?.employeeNumbers}
          {...invalid("employeeNumbers")}
        />
        <FieldError id="employeeNumbers" errors={errors} />
      </div>
      <div className="field">
        <label htmlFor="windowStart">{t("drills.form.windowStart")}</label>
        <input
          id="windowStart"
          name="windowStart"
          type="datetime-local"
          required
          defaultValue={values?.windowStart}
          {...invalid("windowStart")}
        />
        <FieldError id="windowStart" errors={errors} />
      </div>
      <div className="field">
        <label htmlFor="windowEnd">{t("drills.form.windowEnd")}</label>
        <input
          id="windowEnd"
          name="windowEnd"
          type="datetime-local"
          required
          defaultValue={values?.windowEnd}
          {...invalid("windowEnd")}
        />
        <FieldError id="windowEnd" errors={errors} />
      </div>
      <div className="field field-wide">
        <label>
          <input type="checkbox" name="businessHoursOnly" defaultChecked={values?.businessHoursOnly ?? true} />{" "}
          {t("drills.form.businessHoursOnly")}
        </label>
        <p className="field-hint">{t("drills.form.spreadHint")}</p>
      </div>
      <div className="field">
        <label htmlFor="endDate">{t("drills.form.endDate")}</label>
        <input
          id="endDate"
          name="endDate"
          type="date"
          required
          defaultValue={values?.endDate}
          {...invalid("endDate")}
        />
        <FieldError id="endDate" errors={errors} />
      </div>
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={busy}>
          {submitLabel}
        </button>
      </div>
    </Form>
  );
}
