-- CreateEnum
CREATE TYPE "Border" AS ENUM ('FI', 'GE', 'KZ', 'MN');

-- CreateEnum
CREATE TYPE "Direction" AS ENUM ('out', 'in');

-- CreateEnum
CREATE TYPE "Mode" AS ENUM ('car', 'truck', 'bus', 'pedestrian', 'bicycle');

-- CreateEnum
CREATE TYPE "Access" AS ENUM ('multilateral', 'bilateral', 'restricted');

-- CreateEnum
CREATE TYPE "CheckpointStatus" AS ENUM ('open', 'restricted', 'closed');

-- CreateEnum
CREATE TYPE "CoordinateQuality" AS ENUM ('checkpoint', 'settlement', 'approximate');

-- CreateTable
CREATE TABLE "Checkpoint" (
    "id" TEXT NOT NULL,
    "border" "Border" NOT NULL,
    "nameEn" TEXT NOT NULL,
    "nameRu" TEXT NOT NULL,
    "russianNameEn" TEXT NOT NULL,
    "russianNameRu" TEXT NOT NULL,
    "russianRegion" TEXT NOT NULL,
    "neighbourNameEn" TEXT NOT NULL,
    "neighbourNameLocal" TEXT NOT NULL,
    "neighbourRegion" TEXT NOT NULL,
    "lat" DOUBLE PRECISION NOT NULL,
    "lon" DOUBLE PRECISION NOT NULL,
    "coordinateQuality" "CoordinateQuality" NOT NULL,
    "modes" "Mode"[],
    "access" "Access" NOT NULL,
    "status" "CheckpointStatus" NOT NULL,
    "capacityPerDay" INTEGER,
    "note" TEXT NOT NULL,
    "sources" TEXT[],
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Checkpoint_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Report" (
    "id" UUID NOT NULL,
    "checkpointId" TEXT NOT NULL,
    "direction" "Direction" NOT NULL,
    "mode" "Mode" NOT NULL,
    "waitMinutes" INTEGER,
    "queueVehicles" INTEGER,
    "queueKm" DOUBLE PRECISION,
    "joinedAt" TIMESTAMPTZ(3),
    "crossedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deviceKey" TEXT NOT NULL,
    "hidden" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "Report_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Checkpoint_border_idx" ON "Checkpoint"("border");

-- CreateIndex
CREATE INDEX "Report_checkpointId_direction_mode_createdAt_idx" ON "Report"("checkpointId", "direction", "mode", "createdAt");

-- CreateIndex
CREATE INDEX "Report_deviceKey_createdAt_idx" ON "Report"("deviceKey", "createdAt");

-- AddForeignKey
ALTER TABLE "Report" ADD CONSTRAINT "Report_checkpointId_fkey" FOREIGN KEY ("checkpointId") REFERENCES "Checkpoint"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
