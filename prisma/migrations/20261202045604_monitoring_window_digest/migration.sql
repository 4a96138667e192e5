-- AlterTable
ALTER TABLE "MonitorWindow" ADD COLUMN     "digest" TEXT NOT NULL DEFAULT '';
