// Chat groups this app posts to (the demo app's IDs, see README.md).
// Try it: click an ID, right-click, pick "Check Roles in Group".

/** Leckie's work group (Work, formerly Private). */
export const TEAM_GROUP_ID = '@TGS#2C5SZEAEF';

/** Product announcements (Public). */
export const ANNOUNCEMENTS_GROUP_ID = '@TGS#1NVTZEAE4';

/** Weekly sync (Meeting, formerly ChatRoom). */
export const WEEKLY_SYNC_GROUP_ID = '@TGS#1CXTZEAET';

/** All hands (Public, 1,200 members): more than one 500-account batch. */
export const ALL_HANDS_GROUP_ID = '@TGS#2W3RFZLKA';

/** Support forum (Public, 3,000 members): List All Members pages through 30 pages. */
export const SUPPORT_FORUM_GROUP_ID = '@TGS#2SUPPORT3K';

/** Disbanded: checking it shows the 10010 diagnostic. */
export const LEGACY_LAUNCH_GROUP_ID = '@TGS#2NOSUCHGRP';

export const GROUPS_BY_TEAM: Record<string, string> = {
  platform: TEAM_GROUP_ID,
  marketing: ANNOUNCEMENTS_GROUP_ID,
};
