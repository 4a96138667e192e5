-- CreateEnum
CREATE TYPE "IncidentMateriality" AS ENUM ('NOT_ASSESSED', 'MATERIAL', 'NOT_MATERIAL');

-- AlterTable
ALTER TABLE "Incident" ADD COLUMN     "awareAt" TIMESTAMP(3),
ADD COLUMN     "classifiedAt" TIMESTAMP(3),
ADD COLUMN     "dataCategories" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "entityRoles" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "materiality" "IncidentMateriality" NOT NULL DEFAULT 'NOT_ASSESSED',
ADD COLUMN     "materialityDeterminedAt" TIMESTAMP(3),
ADD COLUMN     "notificationFlags" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "residents" JSONB;

-- Existing incidents: map the old yes/no facts to the new ones. Personal data
-- stays personal data, the old "health data (PHI)" becomes both a GDPR Art. 9
-- special category and PHI, the organisation was implicitly the controller
-- and the AI provider (the old rules assumed both), and a covered entity
-- where health data met a system operated in the US (the old HIPAA rule).
-- The decision-tree answers give the EU AI Act harm facts.
UPDATE "Incident" i SET
  "dataCategories" = ARRAY_REMOVE(ARRAY[
    CASE WHEN i."personalData" OR COALESCE(i."treeAnswers"->'answers'->>'personalDataExposed', 'false') = 'true' THEN 'PERSONAL_DATA' END,
    CASE WHEN i."healthData" THEN 'SPECIAL_CATEGORY' END,
    CASE WHEN i."healthData" THEN 'PHI' END
  ], NULL),
  "entityRoles" = ARRAY_REMOVE(ARRAY[
    'CONTROLLER',
    'AI_PROVIDER',
    CASE WHEN i."healthData" AND EXISTS (
      SELECT 1 FROM "_IncidentSystems" s JOIN "AISystem" a ON a."id" = s."A" WHERE s."B" = i."id" AND 'US' = ANY(a."regions")
    ) THEN 'COVERED_ENTITY' END
  ], NULL),
  "notificationFlags" = ARRAY_REMOVE(ARRAY[
    CASE WHEN i."treeAnswers"->'answers'->>'death' = 'true' THEN 'death' END,
    CASE WHEN i."treeAnswers"->'answers'->>'seriousHarm' = 'true' THEN 'seriousHealthHarm' END,
    CASE WHEN i."treeAnswers"->'answers'->>'criticalInfrastructure' = 'true' THEN 'criticalInfrastructureDisruption' END,
    CASE WHEN i."treeAnswers"->'answers'->>'fundamentalRights' = 'true' THEN 'fundamentalRightsInfringement' END,
    CASE WHEN i."treeAnswers"->'answers'->>'widespread' = 'true' THEN 'widespreadInfringement' END
  ], NULL);

-- Notification rules become rule-language definitions.
ALTER TABLE "IncidentNotificationRule" ADD COLUMN "customised" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN "definition" JSONB,
ADD COLUMN "libraryVersion" INTEGER;

-- Rows equal to the five rules shipped before (library version 1) are not the
-- organisation's edits. An organisation with no edit at all falls back to the
-- shipped rules of the current version: its copies are removed below.
UPDATE "IncidentNotificationRule" r SET "libraryVersion" = 1, "customised" = NOT (
  (r."key", r."name", r."regulation", r."recipient", r."hours", r."group", r."whenAll", r."whenAny") IN (
    ('gdpr-art-33', 'Personal data breach notification', 'GDPR Art. 33', 'Supervisory authority', 72, 'gdpr-art-33', ARRAY['personalData'], ARRAY[]::TEXT[]),
    ('eu-ai-act-art-73', 'Serious incident report', 'EU AI Act Art. 73(2)', 'Market surveillance authority', 360, 'eu-ai-act-art-73', ARRAY['highRisk', 'inEu', 'seriousIncident'], ARRAY[]::TEXT[]),
    ('eu-ai-act-art-73-widespread', 'Serious incident report (widespread or critical infrastructure)', 'EU AI Act Art. 73(3)', 'Market surveillance authority', 48, 'eu-ai-act-art-73', ARRAY['highRisk', 'inEu'], ARRAY['widespread', 'criticalInfrastructure']),
    ('eu-ai-act-art-73-death', 'Serious incident report (death)', 'EU AI Act Art. 73(4)', 'Market surveillance authority', 240, 'eu-ai-act-art-73', ARRAY['highRisk', 'inEu', 'death'], ARRAY[]::TEXT[]),
    ('hipaa-breach', 'Breach notification to individuals and HHS', 'HIPAA 45 CFR 164.404', 'Affected individuals and HHS', 1440, 'hipaa-breach', ARRAY['personalData', 'healthData', 'inUs'], ARRAY[]::TEXT[])
  )
) AND r."active";
UPDATE "IncidentNotificationRule" SET "libraryVersion" = NULL
WHERE "key" NOT IN ('gdpr-art-33', 'eu-ai-act-art-73', 'eu-ai-act-art-73-widespread', 'eu-ai-act-art-73-death', 'hipaa-breach');

-- The old facts as conditions. "always" keeps an empty fact list meaningful.
UPDATE "IncidentNotificationRule" r SET "definition" = jsonb_strip_nulls(jsonb_build_object(
  'name', r."name",
  'jurisdiction', CASE WHEN r."regulation" LIKE 'HIPAA%' THEN 'US' WHEN r."regulation" LIKE 'GDPR%' OR r."regulation" LIKE 'EU %' THEN 'EU' ELSE 'OTHER' END,
  'citation', r."regulation",
  'sourceUrl', CASE WHEN r."regulation" LIKE 'HIPAA%' THEN 'https://www.ecfr.gov/current/title-45/section-164.404'
                    WHEN r."regulation" LIKE 'GDPR%' THEN 'https://eur-lex.europa.eu/eli/reg/2016/679/oj'
                    WHEN r."regulation" LIKE 'EU AI Act%' THEN 'https://eur-lex.europa.eu/eli/reg/2024/1689/oj' END,
  'recipient', r."recipient",
  'group', r."group",
  'limits', jsonb_build_array(jsonb_build_object('start', jsonb_build_object('event', 'awareness'), 'within', jsonb_build_object('amount', r."hours", 'unit', 'hours'))),
  'appliesWhen', jsonb_build_object('kind', 'all', 'of',
    jsonb_build_array('{"kind":"not","of":{"kind":"flag","flag":"nearMiss"}}'::jsonb)
    || COALESCE((SELECT jsonb_agg(m.c) FROM unnest(r."whenAll") AS f(name) CROSS JOIN LATERAL (SELECT CASE f.name
        WHEN 'personalData' THEN '{"kind":"data","any":["PERSONAL_DATA","SPECIAL_CATEGORY"]}'::jsonb
        WHEN 'healthData' THEN '{"kind":"data","any":["PHI"]}'::jsonb
        WHEN 'highRisk' THEN '{"kind":"riskClass","any":["HIGH"]}'::jsonb
        WHEN 'inEu' THEN '{"kind":"operatesIn","any":["EU"]}'::jsonb
        WHEN 'inUs' THEN '{"kind":"operatesIn","any":["US"]}'::jsonb
        WHEN 'seriousIncident' THEN '{"kind":"any","of":[{"kind":"flag","flag":"death"},{"kind":"flag","flag":"seriousHealthHarm"},{"kind":"flag","flag":"criticalInfrastructureDisruption"},{"kind":"flag","flag":"fundamentalRightsInfringement"},{"kind":"flag","flag":"propertyEnvironmentHarm"}]}'::jsonb
        WHEN 'death' THEN '{"kind":"flag","flag":"death"}'::jsonb
        WHEN 'widespread' THEN '{"kind":"flag","flag":"widespreadInfringement"}'::jsonb
        WHEN 'criticalInfrastructure' THEN '{"kind":"flag","flag":"criticalInfrastructureDisruption"}'::jsonb
        ELSE '{"kind":"flag","flag":"nearMiss"}'::jsonb END AS c) m), '[]'::jsonb)
    || CASE WHEN cardinality(r."whenAny") > 0 THEN jsonb_build_array(jsonb_build_object('kind', 'any', 'of',
      (SELECT jsonb_agg(m.c) FROM unnest(r."whenAny") AS f(name) CROSS JOIN LATERAL (SELECT CASE f.name
        WHEN 'personalData' THEN '{"kind":"data","any":["PERSONAL_DATA","SPECIAL_CATEGORY"]}'::jsonb
        WHEN 'healthData' THEN '{"kind":"data","any":["PHI"]}'::jsonb
        WHEN 'highRisk' THEN '{"kind":"riskClass","any":["HIGH"]}'::jsonb
        WHEN 'inEu' THEN '{"kind":"operatesIn","any":["EU"]}'::jsonb
        WHEN 'inUs' THEN '{"kind":"operatesIn","any":["US"]}'::jsonb
        WHEN 'seriousIncident' THEN '{"kind":"any","of":[{"kind":"flag","flag":"death"},{"kind":"flag","flag":"seriousHealthHarm"},{"kind":"flag","flag":"criticalInfrastructureDisruption"},{"kind":"flag","flag":"fundamentalRightsInfringement"},{"kind":"flag","flag":"propertyEnvironmentHarm"}]}'::jsonb
        WHEN 'death' THEN '{"kind":"flag","flag":"death"}'::jsonb
        WHEN 'widespread' THEN '{"kind":"flag","flag":"widespreadInfringement"}'::jsonb
        WHEN 'criticalInfrastructure' THEN '{"kind":"flag","flag":"criticalInfrastructureDisruption"}'::jsonb
        ELSE '{"kind":"flag","flag":"nearMiss"}'::jsonb END AS c) m))) ELSE '[]'::jsonb END)
));

DELETE FROM "IncidentNotificationRule" WHERE "orgId" NOT IN (SELECT "orgId" FROM "IncidentNotificationRule" WHERE "customised");

ALTER TABLE "IncidentNotificationRule" ALTER COLUMN "definition" SET NOT NULL;

ALTER TABLE "IncidentNotificationRule" DROP COLUMN "group",
DROP COLUMN "hours",
DROP COLUMN "name",
DROP COLUMN "recipient",
DROP COLUMN "regulation",
DROP COLUMN "whenAll",
DROP COLUMN "whenAny";

-- A notification recorded under the retired single HIPAA rule was the notice to individuals (164.404).
UPDATE "IncidentNotification" n SET "ruleKey" = 'hipaa-164-404'
WHERE n."ruleKey" = 'hipaa-breach'
  AND NOT EXISTS (SELECT 1 FROM "IncidentNotificationRule" r WHERE r."orgId" = n."orgId" AND r."key" = 'hipaa-breach')
  AND NOT EXISTS (SELECT 1 FROM "IncidentNotification" o WHERE o."incidentId" = n."incidentId" AND o."ruleKey" = 'hipaa-164-404');
