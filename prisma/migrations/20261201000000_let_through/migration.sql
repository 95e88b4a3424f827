-- AlterTable
ALTER TABLE "Report" ADD COLUMN     "letThrough" INTEGER,
ADD COLUMN     "letThroughMinutes" INTEGER;
