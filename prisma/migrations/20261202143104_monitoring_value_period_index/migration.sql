-- CreateIndex
CREATE INDEX "MonitorMetricValue_monitorId_endsAt_idx" ON "MonitorMetricValue"("monitorId", "endsAt");
