import { db } from "~/lib/db.server.ts";
import { getTrack } from "./catalogue.server.ts";
import { getCity } from "./city.server.ts";

const certificateSelect = {
  id: true,
  staffId: true,
  trackId: true,
  fiscalYear: true,
  completedAt: true,
  completedReleaseId: true,
  certificateCode: true,
  staff: {
    select: {
      name: true,
      employeeNumber: true,
      organisation: { select: { name: true } },
      section: { select: { name: true } },
    },
  },
  attempts: {
    where: { passed: true },
    orderBy: { id: "asc" },
    take: 1,
    select: { percent: true, correct: true, total: true },
  },
} as const;

async function toCertificate(row: Awaited<ReturnType<typeof findRow>>) {
  if (!row?.completedAt || !row.certificateCode) return null;
  const [track, city, release] = await Promise.all([
    getTrack(row.trackId),
    getCity(),
    row.completedReleaseId ? db.contentRelease.findUnique({ where: { id: row.completedReleaseId } }) : null,
  ]);
  const score = row.attempts[0];
  return {
    assignmentId: row.id,
    code: row.certificateCode,
    name: row.staff.name,
    employeeNumber: row.staff.employeeNumber,
    organisation: row.staff.organisation.name,
    section: row.staff.section?.name ?? null,
    trackName: track?.name ?? row.trackId,
    fiscalYear: row.fiscalYear,
    completedAt: row.completedAt,
    score: score ? { percent: score.percent ?? 0, correct: score.correct ?? 0, total: score.total } : null,
    policyTitle: city.policyTitle,
    issuer: city.issuerLine,
    release: release ? { id: release.id, hash: release.hash.slice(0, 12), policyRevised: release.policyRevised } : null,
  };
}

function findRow(where: { id: number; staffId: number } | { certificateCode: string }) {
  return db.assignment.findFirst({ where, select: certificateSelect });
}

/** The 修了証 of one of the person's own completed assignments, or null. */
export async function getCertificate(staffId: number, assignmentId: number) {
  return toCertificate(await findRow({ id: assignmentId, staffId }));
}

/** The certificate a verification code belongs to, for HR to check a printed one. */
export async function verifyCertificate(code: string) {
  const normalised = code
    .normalize("NFKC")
    .toUpperCase()
    .replace(/[^0-9A-Z]/g, "");
  if (normalised.length !== 10) return null;
  const formatted = `${normalised.slice(0, 4)}-${normalised.slice(4, 8)}-${normalised.slice(8)}`;
  return toCertificate(await findRow({ certificateCode: formatted }));
}
