-- CreateTable
CREATE TABLE "HourlyAggregate" (
    "checkpointId" TEXT NOT NULL,
    "direction" "Direction" NOT NULL,
    "mode" "Mode" NOT NULL,
    "hour" TIMESTAMPTZ(3) NOT NULL,
    "waitMinutes" INTEGER,
    "low" INTEGER,
    "high" INTEGER,
    "queueVehicles" INTEGER,
    "reports" INTEGER NOT NULL,

    CONSTRAINT "HourlyAggregate_pkey" PRIMARY KEY ("checkpointId","direction","mode","hour")
);

-- CreateTable
CREATE TABLE "MaintenanceState" (
    "name" TEXT NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "MaintenanceState_pkey" PRIMARY KEY ("name")
);

-- CreateIndex
CREATE INDEX "Report_createdAt_idx" ON "Report"("createdAt");

-- AddForeignKey
ALTER TABLE "HourlyAggregate" ADD CONSTRAINT "HourlyAggregate_checkpointId_fkey" FOREIGN KEY ("checkpointId") REFERENCES "Checkpoint"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
