// "Find the app's region": when a data center does not know the SDKAppID, ask each official region's main
// domain once with the same credentials (8 requests, never a custom endpoint) and report which knew it.
import * as vscode from 'vscode';
import { REGIONS, type RegionId } from '../chat/http/regions';
import { describeError } from '../chat/errors';
import type { AppRegistry } from '../apps/registry';
import type { Log } from '../log';
import type { ChatConnection } from './connection';
import { UNISSUED_GROUP_ID } from './connectionTest';

export interface RegionAnswer {
  region: RegionId;
  /** The region's data center knows the app: the signature was checked and the request answered. */
  knowsApp: boolean;
  code?: number | string;
}

export class RegionDoctor {
  /**
   * Test-only (set through the test API): a stand-in origin per region in place of its main domain, so no
   * test ever contacts a real domain.
   */
  testOrigins: Partial<Record<RegionId, string>> | undefined;

  constructor(
    private readonly connection: ChatConnection,
    private readonly apps: AppRegistry,
    private readonly log: Log,
  ) {}

  /** Asks every region's main domain once, at the same time; resolves to each region's answer. */
  async ask(label: string, signal?: AbortSignal): Promise<RegionAnswer[]> {
    const target = await this.apps.resolve(label);
    const { credentials } = target;
    const regions = Object.keys(REGIONS) as RegionId[];
    const answers = await Promise.all(
      regions.map(async (region): Promise<RegionAnswer> => {
        const origin = this.testOrigins?.[region] ?? `https://${REGIONS[region].main}`;
        const client = this.connection.get({ sdkAppId: credentials.sdkAppId, connection: { ...target.connection, region, endpoint: undefined }, origins: [origin], maxAttempts: 1 });
        const [result] = await client.getRoleInGroup(credentials, [UNISSUED_GROUP_ID], [credentials.identifier], { signal });
        const error = result?.errors[0];
        if (!error) return { region, knowsApp: true };
        const scope = describeError(error.code).scope;
        return { region, knowsApp: scope === 'group' || scope === 'account', code: error.code };
      }),
    );
    const each = answers.map((a) => (a.knowsApp ? vscode.l10n.t('{0} knows it', a.region) : `${a.region} ${String(a.code)}`));
    this.log.info(vscode.l10n.t('Region doctor for app "{0}": {1}.', label, each.join(', ')));
    return answers;
  }
}
