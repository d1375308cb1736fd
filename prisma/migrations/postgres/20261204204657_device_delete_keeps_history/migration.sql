-- DropForeignKey
ALTER TABLE "Execution" DROP CONSTRAINT "Execution_deviceId_fkey";

-- AlterTable
ALTER TABLE "Execution" ALTER COLUMN "deviceId" DROP NOT NULL;

-- CreateIndex
CREATE INDEX "ConfigSnapshot_hash_idx" ON "ConfigSnapshot"("hash");

-- CreateIndex
CREATE INDEX "Device_jumpHostId_idx" ON "Device"("jumpHostId");

-- CreateIndex
CREATE INDEX "Run_workflowVersionId_idx" ON "Run"("workflowVersionId");

-- CreateIndex
CREATE INDEX "Run_decidedById_idx" ON "Run"("decidedById");

-- CreateIndex
CREATE INDEX "Run_scheduleId_idx" ON "Run"("scheduleId");

-- CreateIndex
CREATE INDEX "Schedule_workflowId_idx" ON "Schedule"("workflowId");

-- CreateIndex
CREATE INDEX "Schedule_createdById_idx" ON "Schedule"("createdById");

-- AddForeignKey
ALTER TABLE "Execution" ADD CONSTRAINT "Execution_deviceId_fkey" FOREIGN KEY ("deviceId") REFERENCES "Device"("id") ON DELETE SET NULL ON UPDATE CASCADE;
