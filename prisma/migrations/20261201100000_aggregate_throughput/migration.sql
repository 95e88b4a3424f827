-- AlterTable
ALTER TABLE "HourlyAggregate" ADD COLUMN     "throughputPerHour" DOUBLE PRECISION;

-- CreateIndex
CREATE INDEX "HourlyAggregate_hour_idx" ON "HourlyAggregate"("hour");
