// How a requirement is cited outside the portal: the framework's short name
// and the reference the way that framework writes it ("PCI DSS v4.0.1 Req. 1",
// "GDPR Art. 5", "45 CFR 164.308(a)(1)"). Pure (safe for the client).

const SHIPPED: Record<string, (ref: string, version: string) => string> = {
  'pci-dss': (ref, v) => `PCI DSS v${v} Req. ${ref}`,
  'iso-27001': (ref, v) => `ISO/IEC 27001:${v} Annex A ${ref}`,
  'iso-42001': (ref, v) => `ISO/IEC 42001:${v} ${ref}`,
  soc2: (ref) => `SOC 2 ${ref}`,
  gdpr: (ref) => `GDPR ${ref}`,
  'eu-ai-act': (ref) => `EU AI Act ${ref}`,
  'hipaa-security': (ref) => `HIPAA Security Rule, 45 CFR ${ref}`,
  'glba-safeguards': (ref) => `GLBA Safeguards Rule, 16 CFR ${ref}`,
  'ccpa-cpra': (ref) => `CCPA/CPRA, Cal. Civ. Code ${ref}`,
  'nist-ai-rmf': (ref) => `NIST AI RMF ${ref}`,
  'fda-aiml-samd': (ref) => `FDA AI/ML guidance ${ref}`,
  'sox-itgc': (ref) => `SOX ${ref}`,
};

export type Citable = { ref: string; framework: { key: string; name: string; version: string; isCustom?: boolean } };

/** The citation of a requirement, e.g. "PCI DSS v4.0.1 Req. 1"; custom frameworks read "<name> <ref>". */
export function citeRequirement(r: Citable): string {
  const shipped = r.framework.isCustom ? undefined : SHIPPED[r.framework.key];
  return shipped ? shipped(r.ref, r.framework.version) : `${r.framework.name} ${r.ref}`;
}
