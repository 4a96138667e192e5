-- AlterTable
ALTER TABLE "User" ADD COLUMN     "managerId" TEXT;

-- CreateIndex
CREATE INDEX "User_managerId_idx" ON "User"("managerId");

-- AddForeignKey
ALTER TABLE "User" ADD CONSTRAINT "User_managerId_fkey" FOREIGN KEY ("managerId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Nobody is their own manager (the users domain refuses it first, naming the field).
ALTER TABLE "User" ADD CONSTRAINT "User_manager_not_self" CHECK ("managerId" IS NULL OR "managerId" <> "id");
