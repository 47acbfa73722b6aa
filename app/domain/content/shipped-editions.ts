/**
 * The release hashes (contentHash) of every content edition content/ held
 * in this repository before db:setup marked the releases it publishes as
 * the upgrade's ("upgrade" in ContentSnapshot.source). A city whose current
 * release has one of these hashes runs an edition Mamori shipped, not
 * content of its own, though its release says "files". Frozen: every
 * edition since is recognised by its mark.
 */
export const EDITIONS_SHIPPED_BEFORE_MARKING: ReadonlySet<string> = new Set([
  "f1cb3ed175a1ec634b350da38e99e2f235860ec68cfa97c0933a462b8ad816c5",
  "5dc4bd4162afffe3f9c8d34b8ec931b8add97cae624cf82c2a420d0f9ada35b5",
  "f9ab149acf30bd586cb6e45948f2e65fcf6fa44de5553204ac7a11ecb2d4b5fc",
  "2500efa68915c69e91e04fe220000a5a5c656da244c485fd2777fbb4c593880b",
  "6108824b753ca1c6c09490a341c29ca566c5c14eccdf07cad4828249a0cb248c",
  "95eb3d5044476a8d53e0614344d58f4850e0bdea856b6236a34b1b960528a4f8",
  "7af6239a1573654365c83a86e1cf09941789cfd4875dd5ba0bbaea383294f3b4",
  "50cca48b80be82eceb26dc18353252fa5e88e94bb6b903588cd1f8c38f402e31",
  "2c8c8b875c1408f76b7b7ec8217b48b8fa541edd3a7e2fb1d990ff715ada2355",
]);
