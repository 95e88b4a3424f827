-- AlterTable: the audit log names the moderator who acted (null for actions before moderators had names).
ALTER TABLE "ModerationAction" ADD COLUMN     "moderator" TEXT;
