-- CreateEnum
CREATE TYPE "ReviewStatus" AS ENUM ('PLANNED', 'IN_PROGRESS', 'CLOSED');

-- CreateEnum
CREATE TYPE "ActionItemStatus" AS ENUM ('OPEN', 'DONE');

-- CreateTable
CREATE TABLE "QuarterlyReview" (
    "id" TEXT NOT NULL,
    "orgId" TEXT NOT NULL,
    "quarter" TEXT NOT NULL,
    "periodStart" TIMESTAMP(3) NOT NULL,
    "periodEnd" TIMESTAMP(3) NOT NULL,
    "status" "ReviewStatus" NOT NULL DEFAULT 'PLANNED',
    "minutes" TEXT NOT NULL DEFAULT '',
    "startedAt" TIMESTAMP(3),
    "closedAt" TIMESTAMP(3),
    "closedById" TEXT,
    "snapshot" TEXT,
    "snapshotHash" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "QuarterlyReview_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReviewAttendee" (
    "id" TEXT NOT NULL,
    "reviewId" TEXT NOT NULL,
    "userId" TEXT,
    "name" TEXT NOT NULL,
    "role" TEXT,

    CONSTRAINT "ReviewAttendee_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReviewDecision" (
    "id" TEXT NOT NULL,
    "reviewId" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ReviewDecision_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ActionItem" (
    "id" TEXT NOT NULL,
    "orgId" TEXT NOT NULL,
    "reviewId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "ownerId" TEXT NOT NULL,
    "dueDate" TIMESTAMP(3) NOT NULL,
    "status" "ActionItemStatus" NOT NULL DEFAULT 'OPEN',
    "doneAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ActionItem_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "QuarterlyReview_orgId_quarter_key" ON "QuarterlyReview"("orgId", "quarter");

-- CreateIndex
CREATE UNIQUE INDEX "ReviewAttendee_reviewId_name_key" ON "ReviewAttendee"("reviewId", "name");

-- CreateIndex
CREATE INDEX "ReviewDecision_reviewId_idx" ON "ReviewDecision"("reviewId");

-- CreateIndex
CREATE INDEX "ActionItem_ownerId_status_idx" ON "ActionItem"("ownerId", "status");

-- CreateIndex
CREATE INDEX "ActionItem_reviewId_idx" ON "ActionItem"("reviewId");

-- AddForeignKey
ALTER TABLE "QuarterlyReview" ADD CONSTRAINT "QuarterlyReview_orgId_fkey" FOREIGN KEY ("orgId") REFERENCES "Organization"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "QuarterlyReview" ADD CONSTRAINT "QuarterlyReview_closedById_fkey" FOREIGN KEY ("closedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReviewAttendee" ADD CONSTRAINT "ReviewAttendee_reviewId_fkey" FOREIGN KEY ("reviewId") REFERENCES "QuarterlyReview"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReviewAttendee" ADD CONSTRAINT "ReviewAttendee_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReviewDecision" ADD CONSTRAINT "ReviewDecision_reviewId_fkey" FOREIGN KEY ("reviewId") REFERENCES "QuarterlyReview"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReviewDecision" ADD CONSTRAINT "ReviewDecision_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ActionItem" ADD CONSTRAINT "ActionItem_orgId_fkey" FOREIGN KEY ("orgId") REFERENCES "Organization"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ActionItem" ADD CONSTRAINT "ActionItem_reviewId_fkey" FOREIGN KEY ("reviewId") REFERENCES "QuarterlyReview"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ActionItem" ADD CONSTRAINT "ActionItem_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- A closed quarterly review is frozen: its row, attendees and decisions can no
-- longer change, and its action items only move between open and done.
CREATE FUNCTION quarterly_review_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD."status" = 'CLOSED' THEN
    RAISE EXCEPTION 'quarterly review % is closed and cannot change', OLD."quarter" USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
  RETURN NEW;
END;
$$;
CREATE TRIGGER quarterly_review_frozen BEFORE UPDATE OR DELETE ON "QuarterlyReview" FOR EACH ROW EXECUTE FUNCTION quarterly_review_frozen();

CREATE FUNCTION quarterly_review_children_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  review_id text := CASE WHEN TG_OP = 'DELETE' THEN OLD."reviewId" ELSE NEW."reviewId" END;
  closed boolean;
BEGIN
  SELECT "status" = 'CLOSED' INTO closed FROM "QuarterlyReview" WHERE "id" = review_id;
  IF closed THEN
    -- Nested: PL/pgSQL does not promise to short-circuit AND, and only
    -- ActionItem rows have these columns.
    IF TG_TABLE_NAME = 'ActionItem' AND TG_OP = 'UPDATE' THEN
      IF NEW."title" = OLD."title" AND NEW."ownerId" = OLD."ownerId" AND NEW."dueDate" = OLD."dueDate" AND NEW."reviewId" = OLD."reviewId" THEN
        RETURN NEW;
      END IF;
    END IF;
    RAISE EXCEPTION 'the review is closed: its minutes, attendees, decisions and action items are frozen' USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
  RETURN NEW;
END;
$$;
CREATE TRIGGER review_attendee_frozen BEFORE INSERT OR UPDATE OR DELETE ON "ReviewAttendee" FOR EACH ROW EXECUTE FUNCTION quarterly_review_children_frozen();
CREATE TRIGGER review_decision_frozen BEFORE INSERT OR UPDATE OR DELETE ON "ReviewDecision" FOR EACH ROW EXECUTE FUNCTION quarterly_review_children_frozen();
CREATE TRIGGER action_item_frozen BEFORE INSERT OR UPDATE OR DELETE ON "ActionItem" FOR EACH ROW EXECUTE FUNCTION quarterly_review_children_frozen();
