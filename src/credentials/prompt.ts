import type * as vscode from 'vscode';
import type { Credentials } from '../chat/types';
import { decodeUserSig } from '../chat/auth/usersig';
import { plainText } from '../ui/foreignText';
import type { Prompts } from '../ui/prompts';
import { formatLocalTime, formatRelative } from '../ui/time';
import type { CredentialSummary } from './store';
import { checkIdentifier, checkSdkAppId, checkSecretKey, checkUserSigFor } from './validate';

const TITLE = 'Chat Roles: Set Credentials';
const STEPS = 4;

interface KindItem extends vscode.QuickPickItem {
  signWith: 'userSig' | 'secretKey';
}

/**
 * The guided input: SDKAppID, admin identifier, UserSig or secret key (masked), each validated as
 * typed. Resolves to the credentials to store, or undefined when the user gave up at any step.
 */
export async function promptForCredentials(prompts: Prompts, current: CredentialSummary | undefined): Promise<Credentials | undefined> {
  const appText = await prompts.text({
    title: TITLE,
    step: 1,
    totalSteps: STEPS,
    prompt: 'The SDKAppID of your Chat app (Chat console → Applications).',
    placeholder: '1400000001',
    value: current ? String(current.sdkAppId) : '',
    validate: checkSdkAppId,
  });
  if (appText === undefined) return undefined;
  const sdkAppId = Number(appText.trim());

  const identifier = await prompts.text({
    title: TITLE,
    step: 2,
    totalSteps: STEPS,
    prompt: 'An App admin account of this app (every app has "administrator").',
    placeholder: 'administrator',
    value: current?.identifier ?? 'administrator',
    validate: checkIdentifier,
  });
  if (identifier === undefined) return undefined;
  // As typed (validated, but it may still hold `$(…)` or `](`): shown inert in the next steps.
  const shownIdentifier = plainText(identifier);

  const kinds: KindItem[] = [
    { signWith: 'userSig', label: 'UserSig', detail: `A UserSig generated for ${shownIdentifier}; checks stop working when it expires.` },
    { signWith: 'secretKey', label: 'Secret key', detail: 'The app\'s secret key; Chat Roles signs each request itself and nothing expires.' },
  ];
  const kind = await prompts.pick({
    title: TITLE,
    step: 3,
    totalSteps: STEPS,
    placeholder: 'How should Chat Roles sign its requests?',
    items: current?.kind === 'secretKey' ? [kinds[1], kinds[0]] : kinds,
  });
  if (!kind) return undefined;

  if (kind.signWith === 'userSig') {
    const userSig = await prompts.text({
      title: TITLE,
      step: 4,
      totalSteps: STEPS,
      prompt: `Paste a UserSig generated for ${shownIdentifier} in app ${sdkAppId}. It is kept in VS Code's secret storage only.`,
      password: true,
      validate: (v) => checkUserSigFor(v, sdkAppId, identifier),
      hint: (v) => {
        const expiresMs = decodeUserSig(v.trim()).expiresAt * 1000;
        return `Valid UserSig for ${shownIdentifier}, expires ${formatLocalTime(expiresMs)} (${formatRelative(expiresMs)}). Press Enter to store it.`;
      },
    });
    return userSig === undefined ? undefined : { sdkAppId, identifier, userSig: userSig.trim() };
  }
  const secretKey = await prompts.text({
    title: TITLE,
    step: 4,
    totalSteps: STEPS,
    prompt: `Paste the secret key of app ${sdkAppId}. It is kept in VS Code's secret storage only.`,
    password: true,
    validate: checkSecretKey,
  });
  return secretKey === undefined ? undefined : { sdkAppId, identifier, secretKey: secretKey.trim() };
}
