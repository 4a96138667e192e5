import { crosswalkSchema, libraryFrameworkSchema, SHIPPED_FRAMEWORK_KEYS, starterControlsSchema, type Crosswalk, type LibraryFramework, type StarterControls } from './library-schema';
import { parseOscalUpload } from './logic/oscal';
import oscalDescriptors from '@/prisma/seed-data/oscal-frameworks.json';
import sp80053Catalog from '@/prisma/seed-data/oscal/NIST_SP-800-53_rev5_catalog.json';
import sp80053Low from '@/prisma/seed-data/oscal/NIST_SP-800-53_rev5_LOW-baseline_profile.json';
import sp80053Moderate from '@/prisma/seed-data/oscal/NIST_SP-800-53_rev5_MODERATE-baseline_profile.json';
import sp80053High from '@/prisma/seed-data/oscal/NIST_SP-800-53_rev5_HIGH-baseline_profile.json';
import sp80053Privacy from '@/prisma/seed-data/oscal/NIST_SP-800-53_rev5_PRIVACY-baseline_profile.json';
import fw_ccpaCpra from '@/prisma/seed-data/frameworks/ccpa-cpra.json';
import fw_coloradoAiAct from '@/prisma/seed-data/frameworks/colorado-ai-act.json';
import fw_dora from '@/prisma/seed-data/frameworks/dora.json';
import fw_euAiAct from '@/prisma/seed-data/frameworks/eu-ai-act.json';
import fw_euAiActGpai from '@/prisma/seed-data/frameworks/eu-ai-act-gpai.json';
import fw_fdaAimlSamd from '@/prisma/seed-data/frameworks/fda-aiml-samd.json';
import fw_gdpr from '@/prisma/seed-data/frameworks/gdpr.json';
import fw_glbaSafeguards from '@/prisma/seed-data/frameworks/glba-safeguards.json';
import fw_hhs155792210 from '@/prisma/seed-data/frameworks/hhs-1557-92-210.json';
import fw_hipaaSecurity from '@/prisma/seed-data/frameworks/hipaa-security.json';
import fw_illinoisHb3773 from '@/prisma/seed-data/frameworks/illinois-hb-3773.json';
import fw_iso23894 from '@/prisma/seed-data/frameworks/iso-23894.json';
import fw_iso27001 from '@/prisma/seed-data/frameworks/iso-27001.json';
import fw_iso42001 from '@/prisma/seed-data/frameworks/iso-42001.json';
import fw_iso42005 from '@/prisma/seed-data/frameworks/iso-42005.json';
import fw_mitreAtlas from '@/prisma/seed-data/frameworks/mitre-atlas.json';
import fw_nis2 from '@/prisma/seed-data/frameworks/nis2.json';
import fw_nistAi6001 from '@/prisma/seed-data/frameworks/nist-ai-600-1.json';
import fw_nistAiRmf from '@/prisma/seed-data/frameworks/nist-ai-rmf.json';
import fw_nistCsf2 from '@/prisma/seed-data/frameworks/nist-csf-2.json';
import fw_nistSp800218a from '@/prisma/seed-data/frameworks/nist-sp-800-218a.json';
import fw_nycLl144 from '@/prisma/seed-data/frameworks/nyc-ll-144.json';
import fw_oecdAiPrinciples from '@/prisma/seed-data/frameworks/oecd-ai-principles.json';
import fw_oncHti1Dsi from '@/prisma/seed-data/frameworks/onc-hti-1-dsi.json';
import fw_owaspLlmTop102025 from '@/prisma/seed-data/frameworks/owasp-llm-top10-2025.json';
import fw_owaspMlTop10 from '@/prisma/seed-data/frameworks/owasp-ml-top10.json';
import fw_pciDss from '@/prisma/seed-data/frameworks/pci-dss.json';
import fw_regB10029 from '@/prisma/seed-data/frameworks/reg-b-1002-9.json';
import fw_singaporeModelAiGov from '@/prisma/seed-data/frameworks/singapore-model-ai-gov.json';
import fw_soc2 from '@/prisma/seed-data/frameworks/soc2.json';
import fw_soxItgc from '@/prisma/seed-data/frameworks/sox-itgc.json';
import fw_sr117 from '@/prisma/seed-data/frameworks/sr-11-7.json';
import fw_texasTraiga from '@/prisma/seed-data/frameworks/texas-traiga.json';
import fw_utahAiPolicyAct from '@/prisma/seed-data/frameworks/utah-ai-policy-act.json';
import cw_aiCore from '@/prisma/seed-data/crosswalk/ai-core.json';
import cw_aiInternational from '@/prisma/seed-data/crosswalk/ai-international.json';
import cw_aiLaws from '@/prisma/seed-data/crosswalk/ai-laws.json';
import cw_csf from '@/prisma/seed-data/crosswalk/csf.json';
import cw_euResilience from '@/prisma/seed-data/crosswalk/eu-resilience.json';
import cw_nistAi6001NistAiRmf from '@/prisma/seed-data/crosswalk/nist-ai-600-1--nist-ai-rmf.json';
import cw_nistAiRmfIso42001 from '@/prisma/seed-data/crosswalk/nist-ai-rmf--iso-42001.json';
import cw_nistSp80053Baselines from '@/prisma/seed-data/crosswalk/nist-sp-800-53-baselines.json';
import cw_security from '@/prisma/seed-data/crosswalk/security.json';
import cw_sp53Low from '@/prisma/seed-data/crosswalk/sp53-low.json';
import cw_sp53Privacy from '@/prisma/seed-data/crosswalk/sp53-privacy.json';
import controls from '@/prisma/seed-data/controls.json';

// The shipped library, bundled into the server build (no file reads at run time) and validated once on first use.
const FRAMEWORK_FILES: unknown[] = [fw_ccpaCpra, fw_coloradoAiAct, fw_dora, fw_euAiAct, fw_euAiActGpai, fw_fdaAimlSamd, fw_gdpr, fw_glbaSafeguards, fw_hhs155792210, fw_hipaaSecurity, fw_illinoisHb3773, fw_iso23894, fw_iso27001, fw_iso42001, fw_iso42005, fw_mitreAtlas, fw_nis2, fw_nistAi6001, fw_nistAiRmf, fw_nistCsf2, fw_nistSp800218a, fw_nycLl144, fw_oecdAiPrinciples, fw_oncHti1Dsi, fw_owaspLlmTop102025, fw_owaspMlTop10, fw_pciDss, fw_regB10029, fw_singaporeModelAiGov, fw_soc2, fw_soxItgc, fw_sr117, fw_texasTraiga, fw_utahAiPolicyAct];
const CROSSWALK_FILES: Record<string, unknown> = { 'ai-core': cw_aiCore, 'ai-international': cw_aiInternational, 'ai-laws': cw_aiLaws, 'csf': cw_csf, 'eu-resilience': cw_euResilience, 'nist-ai-600-1--nist-ai-rmf': cw_nistAi6001NistAiRmf, 'nist-ai-rmf--iso-42001': cw_nistAiRmfIso42001, 'nist-sp-800-53-baselines': cw_nistSp80053Baselines, 'security': cw_security, 'sp53-low': cw_sp53Low, 'sp53-privacy': cw_sp53Privacy };
const OSCAL_FILES: Record<string, unknown> = {
  'NIST_SP-800-53_rev5_catalog.json': sp80053Catalog,
  'NIST_SP-800-53_rev5_LOW-baseline_profile.json': sp80053Low,
  'NIST_SP-800-53_rev5_MODERATE-baseline_profile.json': sp80053Moderate,
  'NIST_SP-800-53_rev5_HIGH-baseline_profile.json': sp80053High,
  'NIST_SP-800-53_rev5_PRIVACY-baseline_profile.json': sp80053Privacy,
};

export type ShippedLibrary = { frameworks: LibraryFramework[]; crosswalk: Crosswalk; crosswalkFiles: Record<string, number>; controls: StarterControls };
let cache: ShippedLibrary | undefined;
const order = (key: string) => (SHIPPED_FRAMEWORK_KEYS as readonly string[]).indexOf(key);

/**
 * Frameworks shipped as OSCAL (a catalog and profiles) go through the same
 * parser as an OSCAL upload, so the library keeps NIST's rendered text,
 * parameters and item structure; the descriptor adds what OSCAL does not say.
 */
export function oscalFrameworks(): LibraryFramework[] {
  return descriptors.map((d) => {
    const files = [d.profile, ...(d.catalog ? [d.catalog] : [])].map((fileName) => ({ fileName, text: JSON.stringify(OSCAL_FILES[fileName]) }));
    const parsed = parseOscalUpload(files);
    if (parsed.problems.length) throw new Error(`${d.key}: ${parsed.problems.join('; ')}`);
    return libraryFrameworkSchema.parse({
      key: d.key, name: d.name, kind: d.kind, jurisdiction: d.jurisdiction, version: parsed.version ? `${d.version} (OSCAL ${parsed.version})` : d.version,
      sourceRef: `${d.sourceRef} ${parsed.sourceRef}.`, sourceUrl: d.sourceUrl, licence: d.licence, libraryVersion: d.libraryVersion, applicability: d.applicability,
      requirements: parsed.controls.map((c) => ({ ref: c.ref, title: c.title, summary: c.summary, ...(c.statement ? { statement: c.statement } : {}), aiSpecific: c.aiSpecific, area: c.area, ...(c.group ? { group: c.group } : {}) })),
    });
  });
}
const descriptors = oscalDescriptors as unknown as { key: string; name: string; kind: string; jurisdiction: string; version: string; sourceRef: string; sourceUrl: string; licence: string; libraryVersion: number; applicability: unknown[]; profile: string; catalog?: string }[];

export function shippedLibrary(): ShippedLibrary {
  if (!cache) {
    const crosswalkFiles: Record<string, number> = {};
    const all: unknown[] = [];
    for (const [name, list] of Object.entries(CROSSWALK_FILES)) {
      crosswalkFiles[name] = (list as unknown[]).length;
      all.push(...(list as unknown[]));
    }
    cache = {
      frameworks: [
        ...FRAMEWORK_FILES.map((f) => libraryFrameworkSchema.parse(f)).sort((a, b) => order(a.key) - order(b.key)),
        ...oscalFrameworks(),
      ],
      crosswalk: crosswalkSchema.parse(all),
      crosswalkFiles,
      controls: starterControlsSchema.parse(controls),
    };
  }
  return cache;
}
