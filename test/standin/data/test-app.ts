// The app and groups of test.json, shared by every test that talks to the stand-in.
import { standInDataFile } from './data-file';

export const TEST_DATA_FILE = standInDataFile('test.json');
// Its app as test.json states it; a unit test ("seed files") keeps the two equal.
export const TEST_SDK_APP_ID = 1400000007;
export const TEST_ADMIN = 'administrator';
/** A second admin account of the app. */
export const TEST_OTHER_ADMIN = 'ops_admin';
/** Obviously fake; only the stand-in accepts it. */
export const TEST_SECRET_KEY = 'test-only-not-a-real-secret-key-0123456789abcdef0123456789abcdef';

export const TEST_GROUPS = {
  /** Work (= Private): owner alice, admin bob, members carol, dave. */
  work: '@TGS#2TESTWORK1',
  /** Public: owner bob, admins alice, erin, members carol, frank. */
  public: '@TGS#3TESTPUB01',
  /** Meeting (= ChatRoom): owner carol, member dave. */
  meeting: '@TGS#1TESTMEET1',
  /** Community: owner dave, admin erin, members alice, bob, carol, frank, grace. */
  community: '@TGS#_@TGS#cTESTCOMM1',
  /** AVChatRoom: not supported by get_role_in_group (10007). */
  avChatRoom: '@TGS#aTESTAVCR1',
  /** A custom-ID Private group: owner erin, admin frank, member grace. */
  custom: 'team-custom-id',
} as const;

/** Accounts that exist but belong to no group. */
export const TEST_LONERS = ['yuri', 'zoe'] as const;

/** What get_role_in_group answers for TEST_GROUPS.work and alice, bob, carol, zoe: each role once, in that order. */
export const TEST_WORK_ROLES: readonly { account: string; role: 'Owner' | 'Admin' | 'Member' | 'NotMember' }[] = [
  { account: 'alice', role: 'Owner' },
  { account: 'bob', role: 'Admin' },
  { account: 'carol', role: 'Member' },
  { account: 'zoe', role: 'NotMember' },
];
