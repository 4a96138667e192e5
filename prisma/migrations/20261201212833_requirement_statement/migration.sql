-- AlterTable
ALTER TABLE "Requirement" ADD COLUMN     "statement" JSONB;
