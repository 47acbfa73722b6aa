import type { TestProject } from "vitest/node";
import { startTestDirectory } from "../directory/slapd.ts";

declare module "vitest" {
  export interface ProvidedContext {
    /** The test directory's ldap:// address (tests/directory/slapd.ts). */
    directoryUrl: string;
  }
}

/** One OpenLDAP server for the whole run, loaded with tests/directory/directory.ldif. */
export default async function startDirectory(project: TestProject) {
  const directory = await startTestDirectory();
  project.provide("directoryUrl", directory.url);
  return () => directory.stop();
}
