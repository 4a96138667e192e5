import { crosswalkSchema, libraryFrameworkSchema, starterControlsSchema, type LibraryFramework } from './library-schema';
import nistAiRmf from '@/prisma/seed-data/frameworks/nist-ai-rmf.json';
import euAiAct from '@/prisma/seed-data/frameworks/eu-ai-act.json';
import gdpr from '@/prisma/seed-data/frameworks/gdpr.json';
import iso42001 from '@/prisma/seed-data/frameworks/iso-42001.json';
import iso27001 from '@/prisma/seed-data/frameworks/iso-27001.json';
import soc2 from '@/prisma/seed-data/frameworks/soc2.json';
import hipaaSecurity from '@/prisma/seed-data/frameworks/hipaa-security.json';
import ccpaCpra from '@/prisma/seed-data/frameworks/ccpa-cpra.json';
import pciDss from '@/prisma/seed-data/frameworks/pci-dss.json';
import soxItgc from '@/prisma/seed-data/frameworks/sox-itgc.json';
import glbaSafeguards from '@/prisma/seed-data/frameworks/glba-safeguards.json';
import fdaAimlSamd from '@/prisma/seed-data/frameworks/fda-aiml-samd.json';
import crosswalk from '@/prisma/seed-data/crosswalk.json';
import controls from '@/prisma/seed-data/controls.json';

// The shipped library, bundled into the server build (no file reads at run time) and validated once on first use.
let cache: { frameworks: LibraryFramework[]; crosswalk: ReturnType<typeof crosswalkSchema.parse>; controls: ReturnType<typeof starterControlsSchema.parse> } | undefined;

export function shippedLibrary() {
  cache ??= {
    frameworks: [nistAiRmf, euAiAct, gdpr, iso42001, iso27001, soc2, hipaaSecurity, ccpaCpra, pciDss, soxItgc, glbaSafeguards, fdaAimlSamd].map((f) => libraryFrameworkSchema.parse(f)),
    crosswalk: crosswalkSchema.parse(crosswalk),
    controls: starterControlsSchema.parse(controls),
  };
  return cache;
}
