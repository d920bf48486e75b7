// The demo app of demo.json, shared by `npm run demo`, its README and the UI tests.
import { standInDataFile } from './data-file';

export const DEMO_SDK_APP_ID = 1400000042;
export const DEMO_ADMIN = 'administrator';
/** Obviously fake; only the stand-in accepts it. */
export const DEMO_SECRET_KEY = 'demo-only-not-a-real-secret-key-fedcba9876543210fedcba9876543210';
export const DEMO_DATA_FILE = standInDataFile('demo.json');

export const DEMO_GROUPS = {
  /** Work (= Private), the API page's example: leckie Owner, peter Member, wesley NotMember. */
  work: '@TGS#2C5SZEAEF',
  public: '@TGS#1NVTZEAE4',
  /** Meeting (= ChatRoom). */
  meeting: '@TGS#1CXTZEAET',
  community: '@TGS#_@TGS#cQVLVHIM62CJ',
  /** Not supported by get_role_in_group (10007). */
  avChatRoom: '@TGS#aJ6HQ4FXF',
  /** A custom group ID (Private). */
  custom: 'project-apollo-team',
  /** Public, 1,200 members: a check of every member crosses the 500-account batches. */
  allHands: '@TGS#2W3RFZLKA',
  /** Public, 3,000 members: listing every member takes 30 pages. */
  supportForum: '@TGS#2SUPPORT3K',
} as const;

/** The demo account in 40 groups, with every role and every group type among them. */
export const DEMO_BUSY_ACCOUNT = 'heidi';
/** How many groups DEMO_BUSY_ACCOUNT is in. */
export const DEMO_BUSY_ACCOUNT_GROUPS = 40;

/** A group ID that does not exist in the demo (10010). */
export const DEMO_MISSING_GROUP = '@TGS#2NOSUCHGRP';
