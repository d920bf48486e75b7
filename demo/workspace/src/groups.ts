// Chat groups this app posts to. The IDs are the demo app's (see demo/README.md).
// Try it: put the cursor on an ID, right-click, and pick "Check Roles in Group".

/** Leckie's work group (Work, formerly Private): the group of the API page's example. */
export const TEAM_GROUP_ID = '@TGS#2C5SZEAEF';

/** Product announcements (Public). */
export const ANNOUNCEMENTS_GROUP_ID = '@TGS#1NVTZEAE4';

/** Weekly sync (Meeting, formerly ChatRoom). */
export const WEEKLY_SYNC_GROUP_ID = '@TGS#1CXTZEAET';

/** All hands (Public, 1,200 members): checking every member takes three batches of at most 500. */
export const ALL_HANDS_GROUP_ID = '@TGS#2W3RFZLKA';

/** The old launch group was disbanded: checking it shows the 10010 diagnostic. */
export const LEGACY_LAUNCH_GROUP_ID = '@TGS#2NOSUCHGRP';

export const GROUPS_BY_TEAM: Record<string, string> = {
  platform: TEAM_GROUP_ID,
  marketing: ANNOUNCEMENTS_GROUP_ID,
};
