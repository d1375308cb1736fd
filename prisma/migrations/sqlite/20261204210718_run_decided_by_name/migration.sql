-- AlterTable
ALTER TABLE "Run" ADD COLUMN "decidedByName" TEXT;
