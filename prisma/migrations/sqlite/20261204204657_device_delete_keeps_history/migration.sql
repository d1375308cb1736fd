-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Execution" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "runId" TEXT NOT NULL,
    "deviceId" TEXT,
    "deviceName" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'queued',
    "currentStage" TEXT,
    "changeStartedAt" DATETIME,
    "lastCommand" TEXT,
    "errorCode" TEXT,
    "error" TEXT,
    "waitingForRunId" TEXT,
    "attempt" INTEGER NOT NULL DEFAULT 0,
    "workerId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" DATETIME,
    "finishedAt" DATETIME,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Execution_runId_fkey" FOREIGN KEY ("runId") REFERENCES "Run" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Execution_deviceId_fkey" FOREIGN KEY ("deviceId") REFERENCES "Device" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Execution" ("attempt", "changeStartedAt", "createdAt", "currentStage", "deviceId", "deviceName", "error", "errorCode", "finishedAt", "id", "lastCommand", "runId", "startedAt", "status", "updatedAt", "waitingForRunId", "workerId") SELECT "attempt", "changeStartedAt", "createdAt", "currentStage", "deviceId", "deviceName", "error", "errorCode", "finishedAt", "id", "lastCommand", "runId", "startedAt", "status", "updatedAt", "waitingForRunId", "workerId" FROM "Execution";
DROP TABLE "Execution";
ALTER TABLE "new_Execution" RENAME TO "Execution";
CREATE INDEX "Execution_runId_idx" ON "Execution"("runId");
CREATE INDEX "Execution_deviceId_createdAt_idx" ON "Execution"("deviceId", "createdAt");
CREATE INDEX "Execution_status_idx" ON "Execution"("status");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

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
