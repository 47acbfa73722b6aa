/**
 * The PostgreSQL variant of the Prisma schema: the same models, with the
 * datasource and the generated client's folder changed. Pure, so a test can
 * prove the checked-in file never drifts from prisma/schema.prisma.
 */
export function postgresSchema(sqliteSchema: string): string {
  const body = sqliteSchema
    .replace(/provider\s*=\s*"sqlite"/, 'provider = "postgresql"')
    .replace(/url\s*=\s*"file:[^"]*"/, 'url      = "postgresql://localhost:5432/mamori"')
    .replace(/output\s*=\s*"\.\.\/app\/generated\/prisma"/, 'output       = "../../app/generated/prisma-postgres"');
  return `// GENERATED from prisma/schema.prisma by \`npm run db:postgres-schema\`. Do not edit.\n${body}`;
}
