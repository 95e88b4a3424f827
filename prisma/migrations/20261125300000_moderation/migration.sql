-- AlterTable
ALTER TABLE "Checkpoint" ADD COLUMN     "moderatedStatus" "CheckpointStatus",
ADD COLUMN     "statusNote" TEXT,
ADD COLUMN     "statusUpdatedAt" TIMESTAMPTZ(3);

-- CreateTable
CREATE TABLE "ModerationAction" (
    "id" SERIAL NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "action" TEXT NOT NULL,
    "target" TEXT NOT NULL,
    "note" TEXT NOT NULL,
    "affected" INTEGER NOT NULL,

    CONSTRAINT "ModerationAction_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ModerationAction_at_idx" ON "ModerationAction"("at");
