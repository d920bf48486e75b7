// Checks for what the user enters as credentials; the same rules for the guided input (as typed) and
// for the programmatic form of chatRoles.setCredentials. Each returns a reason, or undefined when fine.
import * as vscode from 'vscode';
import type { Credentials } from '../chat/types';
import { checkAccount } from '../chat/text/ids';
import { checkUserSig, decodeUserSig } from '../chat/auth/usersig';

const MAX_SDKAPPID = 0xffffffff;

export function checkSdkAppId(input: string): string | undefined {
  const text = input.trim();
  if (!text) return vscode.l10n.t('Enter the SDKAppID of your Chat app (digits, for example 1400000001).');
  if (!/^\d+$/.test(text)) return vscode.l10n.t('The SDKAppID has digits only.');
  const n = Number(text);
  if (n === 0 || n > MAX_SDKAPPID) return vscode.l10n.t('That is not a valid SDKAppID (a number from 1 to 4294967295).');
  return undefined;
}

export function checkIdentifier(input: string): string | undefined {
  if (!input.trim()) return vscode.l10n.t('Enter the App admin account (for example administrator).');
  if (input !== input.trim()) return vscode.l10n.t('The identifier must not start or end with spaces.');
  const reason = checkAccount(input);
  return reason ? vscode.l10n.t('Not a valid identifier: {0}', reason) : undefined;
}

/** A UserSig must decode, belong to this app and identifier, and not have expired yet. */
export function checkUserSigFor(userSig: string, sdkAppId: number, identifier: string, nowSeconds?: number): string | undefined {
  const text = userSig.trim();
  if (!text) return vscode.l10n.t('Paste the UserSig.');
  try {
    decodeUserSig(text);
  } catch {
    return vscode.l10n.t('This is not a UserSig (it does not decode). Paste it whole, as generated for the admin identifier.');
  }
  return checkUserSig(text, { sdkAppId, identifier }, nowSeconds)?.message;
}

export function checkSecretKey(input: string): string | undefined {
  const text = input.trim();
  if (!text) return vscode.l10n.t('Paste the secret key from the Chat console (App Configuration → Basic Information).');
  if (!/^[\x21-\x7e]+$/.test(text)) return vscode.l10n.t('A secret key has no spaces or special characters.');
  if (text.length < 16 || text.length > 256) return vscode.l10n.t('That does not look like a secret key (it is 64 characters long).');
  return undefined;
}

/**
 * Validates the programmatic argument `{ sdkAppId, identifier, userSig?, secretKey? }` and returns the
 * credentials to store, or throws an Error saying what is wrong (nothing is stored then).
 */
export function parseCredentialsArgument(arg: unknown): Credentials {
  if (typeof arg !== 'object' || arg === null) {
    throw new Error(vscode.l10n.t('chatRoles.setCredentials expects { sdkAppId, identifier, userSig? | secretKey? }.'));
  }
  const a = arg as Record<string, unknown>;
  const rawApp = typeof a.sdkAppId === 'number' && Number.isInteger(a.sdkAppId) ? String(a.sdkAppId) : a.sdkAppId;
  if (typeof rawApp !== 'string') throw new Error(vscode.l10n.t('sdkAppId must be a number or a string of digits.'));
  const appReason = checkSdkAppId(rawApp);
  if (appReason) throw new Error(appReason);
  const sdkAppId = Number(rawApp.trim());
  if (typeof a.identifier !== 'string') throw new Error(vscode.l10n.t('identifier must be a string.'));
  const idReason = checkIdentifier(a.identifier);
  if (idReason) throw new Error(idReason);
  const identifier = a.identifier;
  const hasSig = a.userSig !== undefined;
  const hasKey = a.secretKey !== undefined;
  if (hasSig === hasKey) throw new Error(vscode.l10n.t('Give exactly one of userSig or secretKey.'));
  if (hasSig) {
    if (typeof a.userSig !== 'string') throw new Error(vscode.l10n.t('userSig must be a string.'));
    const reason = checkUserSigFor(a.userSig, sdkAppId, identifier);
    if (reason) throw new Error(reason);
    return { sdkAppId, identifier, userSig: a.userSig.trim() };
  }
  if (typeof a.secretKey !== 'string') throw new Error(vscode.l10n.t('secretKey must be a string.'));
  const reason = checkSecretKey(a.secretKey);
  if (reason) throw new Error(reason);
  return { sdkAppId, identifier, secretKey: a.secretKey.trim() };
}
