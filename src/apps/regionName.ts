// A region's name in the user's language (the Chinese names as Tencent's docs write them). The core's REGIONS
// keeps the English label as data; every name people read comes from here.
import * as vscode from 'vscode';
import type { RegionId } from '../chat/http/regions';

/** The region's name as people read it: "Singapore", or 新加坡 in Chinese. */
export function regionName(region: RegionId): string {
  switch (region) {
    case 'china':
      return vscode.l10n.t('China');
    case 'singapore':
      return vscode.l10n.t('Singapore');
    case 'seoul':
      return vscode.l10n.t('Seoul');
    case 'frankfurt':
      return vscode.l10n.t('Frankfurt');
    case 'siliconValley':
      return vscode.l10n.t('Silicon Valley');
    case 'jakarta':
      return vscode.l10n.t('Jakarta');
    case 'tokyo':
      return vscode.l10n.t('Tokyo');
    case 'mumbai':
      return vscode.l10n.t('Mumbai');
  }
}
