-- AlterTable: "still right?" on an estimate: right, longer or shorter than the wait shown.
ALTER TABLE "Report" ADD COLUMN     "verdict" TEXT,
ADD COLUMN     "shownMinutes" INTEGER;
