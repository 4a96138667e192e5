-- CreateTable
CREATE TABLE "MonitorMetricDay" (
    "monitorId" TEXT NOT NULL,
    "day" TIMESTAMP(3) NOT NULL,
    "metric" TEXT NOT NULL,
    "attribute" TEXT NOT NULL DEFAULT '',
    "groupValue" TEXT NOT NULL DEFAULT '',
    "valueSum" DOUBLE PRECISION NOT NULL,
    "valueN" INTEGER NOT NULL,
    "countSum" BIGINT,
    "windows" INTEGER NOT NULL,

    CONSTRAINT "MonitorMetricDay_pkey" PRIMARY KEY ("monitorId","day","metric","attribute","groupValue")
);

-- AddForeignKey
ALTER TABLE "MonitorMetricDay" ADD CONSTRAINT "MonitorMetricDay_monitorId_fkey" FOREIGN KEY ("monitorId") REFERENCES "Monitor"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Backfill from the values already stored.
INSERT INTO "MonitorMetricDay" ("monitorId", "day", "metric", "attribute", "groupValue", "valueSum", "valueN", "countSum", "windows")
SELECT "monitorId", date_trunc('day', "endsAt"), "metric", "attribute", "groupValue",
       COALESCE(sum("value") FILTER (WHERE "count" IS NULL OR "count" > 0), 0),
       count(*) FILTER (WHERE "count" IS NULL OR "count" > 0),
       sum("count"), count(*)
  FROM "MonitorMetricValue"
 GROUP BY 1, 2, 3, 4, 5;
