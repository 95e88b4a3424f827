-- AlterTable: a report from a page without scripts past its network's allowance of devices without a proof of
-- work is stored held (and hidden) for a moderator, rather than refused: it counts once a moderator shows it.
ALTER TABLE "Report" ADD COLUMN "held" BOOLEAN NOT NULL DEFAULT false;
