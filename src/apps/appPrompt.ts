import * as vscode from 'vscode';
import { regionLabel, REGIONS, type RegionId } from '../chat/http/regions';
import type { Credentials } from '../chat/types';
import { decodeUserSig } from '../chat/auth/usersig';
import { checkIdentifier, checkSdkAppId, checkSecretKey, checkUserSigFor } from '../credentials/validate';
import { readConnectionSettings } from '../settings';
import { plainText } from '../ui/foreignText';
import { BACK, type Back, type Prompts } from '../ui/prompts';
import { formatLocalTime, formatRelative } from '../ui/time';
import { checkEndpoint, checkLabel, type AppProfile } from './profile';

type SignWith = 'userSig' | 'secretKey';

interface KindItem extends vscode.QuickPickItem {
  signWith: SignWith;
}

interface WhereItem extends vscode.QuickPickItem {
  where: { follow: true } | { region: RegionId } | { endpoint: true };
}

interface SwitchItem extends vscode.QuickPickItem {
  switchTo: boolean;
}

/** What the user is editing: the app and what may be kept of its credentials (never shown). */
export interface AppBeingEdited {
  profile: AppProfile;
  credentials?: Credentials;
}

/** What the steps collect; each step reads and fills it, so Back shows what was entered. */
interface Draft {
  label: string;
  sdkAppId: string;
  identifier: string;
  region?: RegionId;
  endpoint?: string;
  follow: boolean;
  signWith: SignWith;
  secret?: string;
}

type StepResult = 'next' | 'cancel' | Back;

/** Where a step stands in the input: its title and number, and whether it has a Back button. */
interface Step {
  title: string;
  step: number;
  totalSteps: number;
  back: boolean;
}

/** A secret key as the Chat console shows it: 64 hex digits. */
const SECRET_KEY_SHAPE = /^[0-9a-f]{64}$/i;

function decodes(text: string): boolean {
  try {
    decodeUserSig(text);
    return true;
  } catch {
    return false;
  }
}

/**
 * The guided input of an app: label (new apps only), SDKAppID, admin identifier, where requests go (a region
 * with its domain, the settings, or a custom endpoint), then a UserSig or a secret key (masked), each validated
 * as typed, with Back on every step after the first. Editing starts from the app's values and keeps the stored
 * secret when left empty. Resolves to the app and credentials to store, or undefined when the user gave up.
 */
export async function promptForApp(
  prompts: Prompts,
  options: { title: string; existing: readonly string[]; editing?: AppBeingEdited; label?: string },
): Promise<{ profile: AppProfile; credentials: Credentials } | undefined> {
  const { title, existing, editing } = options;
  const current = editing?.profile;
  const draft: Draft = {
    label: current?.label ?? options.label ?? '',
    sdkAppId: current?.sdkAppId ?? '',
    identifier: current?.identifier ?? 'administrator',
    region: current?.region,
    endpoint: current?.endpoint,
    follow: current ? current.region === undefined && current.endpoint === undefined : true,
    signWith: editing?.credentials?.secretKey ? 'secretKey' : 'userSig',
  };
  // A label is asked only when none is given (adding an app; the first app is `default`, editing keeps it).
  const steps: ((at: Step) => Promise<StepResult>)[] = [];
  if (!editing && options.label === undefined) steps.push((at) => askLabel(prompts, at, draft, existing));
  steps.push(
    (at) =>
      askText(
        prompts,
        at,
        draft,
        'sdkAppId',
        vscode.l10n.t('The SDKAppID of your Chat app (Chat console → Applications).'),
        vscode.l10n.t({ message: '1400000001', comment: ['The placeholder of the SDKAppID box: an example SDKAppID.'] }),
        checkSdkAppId,
      ),
    (at) =>
      askText(
        prompts,
        at,
        draft,
        'identifier',
        vscode.l10n.t('An App admin account of this app (every app has "administrator").'),
        vscode.l10n.t({ message: 'administrator', comment: ['The placeholder of the admin account box: the example account every app has; keep "administrator" in it.'] }),
        checkIdentifier,
      ),
    (at) => askWhere(prompts, at, draft),
    (at) => askKind(prompts, at, draft),
    (at) => askSecret(prompts, at, draft, editing),
  );
  let i = 0;
  while (i < steps.length) {
    const result = await steps[i]({ title, step: i + 1, totalSteps: steps.length, back: i > 0 });
    if (result === 'cancel') return undefined;
    i = result === BACK ? Math.max(0, i - 1) : i + 1;
  }
  const sdkAppId = Number(draft.sdkAppId.trim());
  const profile: AppProfile = { label: draft.label, sdkAppId: String(sdkAppId), identifier: draft.identifier, allowRoleChanges: current?.allowRoleChanges ?? false };
  if (!draft.follow && draft.endpoint) profile.endpoint = draft.endpoint;
  else if (!draft.follow && draft.region) profile.region = draft.region;
  if (current?.requestsPerSecond !== undefined) profile.requestsPerSecond = current.requestsPerSecond;
  const secret = draft.secret ?? '';
  const credentials: Credentials = draft.signWith === 'secretKey' ? { sdkAppId, identifier: draft.identifier, secretKey: secret } : { sdkAppId, identifier: draft.identifier, userSig: secret };
  return { profile, credentials };
}

async function askLabel(prompts: Prompts, at: Step, draft: Draft, existing: readonly string[]): Promise<StepResult> {
  const label = await prompts.text({
    ...at,
    back: false,
    prompt: vscode.l10n.t('A label for this app, such as dev, staging or prod-sg.'),
    placeholder: vscode.l10n.t({ message: 'dev', comment: ['The placeholder of the app label box: an example label; keep "dev" in it.'] }),
    value: draft.label,
    validate: (v) => checkLabel(v) ?? (existing.includes(v) ? vscode.l10n.t('An app labelled "{0}" exists already; pick another label or edit that app.', v) : undefined),
  });
  if (label === undefined) return 'cancel';
  draft.label = label;
  return 'next';
}

async function askText(prompts: Prompts, at: Step, draft: Draft, field: 'sdkAppId' | 'identifier', prompt: string, placeholder: string, validate: (v: string) => string | undefined): Promise<StepResult> {
  const options = { ...at, prompt, placeholder, value: draft[field], validate };
  const value = at.back ? await prompts.text({ ...options, back: true }) : await prompts.text({ ...options, back: false });
  if (value === undefined) return 'cancel';
  if (value === BACK) return BACK;
  draft[field] = field === 'sdkAppId' ? value.trim() : value;
  return 'next';
}

async function askWhere(prompts: Prompts, at: Step, draft: Draft): Promise<StepResult> {
  const settings = readConnectionSettings();
  const now = settings.endpoint ?? `${regionLabel(settings.region)} · ${REGIONS[settings.region].main}`;
  const items: WhereItem[] = [
    {
      where: { follow: true },
      label: vscode.l10n.t('Follow the settings'),
      description: now,
      detail: vscode.l10n.t('chatRoles.region and chatRoles.endpoint decide, now and after any change.'),
    },
    ...(Object.keys(REGIONS) as RegionId[]).map((region): WhereItem => ({ where: { region }, label: regionLabel(region), description: REGIONS[region].main })),
    {
      where: { endpoint: true },
      label: vscode.l10n.t('Custom endpoint…'),
      description: draft.endpoint ?? '',
      detail: vscode.l10n.t('An https origin (http only on this machine), such as a proxy in front of the Chat API.'),
    },
  ];
  const currentIndex = draft.follow ? 0 : draft.endpoint ? items.length - 1 : items.findIndex((it) => 'region' in it.where && it.where.region === draft.region);
  const ordered = currentIndex > 0 ? [items[currentIndex], ...items.filter((_, i) => i !== currentIndex)] : items;
  const picked = await prompts.pick({ ...at, placeholder: vscode.l10n.t("Where does app {0} live? Requests go to this region's domain.", draft.sdkAppId), items: ordered, back: true });
  if (picked === undefined) return 'cancel';
  if (picked === BACK) return BACK;
  const where = picked.where;
  if ('follow' in where) {
    draft.follow = true;
    return 'next';
  }
  draft.follow = false;
  if ('region' in where) {
    draft.region = where.region;
    draft.endpoint = undefined;
    return 'next';
  }
  const endpoint = await prompts.text({
    ...at,
    prompt: vscode.l10n.t('The custom origin, such as https://im.example.com.'),
    placeholder: vscode.l10n.t({ message: 'https://im.example.com', comment: ['The placeholder of the custom endpoint box: an example origin; keep the URL as it is.'] }),
    value: draft.endpoint ?? '',
    validate: checkEndpoint,
    back: true,
  });
  if (endpoint === undefined) return 'cancel';
  if (endpoint === BACK) return askWhere(prompts, at, draft);
  draft.endpoint = endpoint.trim();
  draft.region = undefined;
  return 'next';
}

async function askKind(prompts: Prompts, at: Step, draft: Draft): Promise<StepResult> {
  const who = plainText(draft.identifier);
  const kinds: KindItem[] = [
    { signWith: 'userSig', label: 'UserSig', detail: vscode.l10n.t('A UserSig generated for {0}; checks stop working when it expires.', who) },
    { signWith: 'secretKey', label: vscode.l10n.t('Secret key'), detail: vscode.l10n.t("The app's secret key; Chat Roles signs each request itself and nothing expires.") },
  ];
  const picked = await prompts.pick({ ...at, placeholder: vscode.l10n.t('How should Chat Roles sign its requests?'), items: draft.signWith === 'secretKey' ? [kinds[1], kinds[0]] : kinds, back: true });
  if (picked === undefined) return 'cancel';
  if (picked === BACK) return BACK;
  draft.signWith = picked.signWith;
  return 'next';
}

/**
 * The masked secret. A secret key pasted where the UserSig goes (or a UserSig where the key goes) is not
 * refused as typed: on Enter the user is offered to take it as what it looks like.
 */
async function askSecret(prompts: Prompts, at: Step, draft: Draft, editing: AppBeingEdited | undefined): Promise<StepResult> {
  const sdkAppId = Number(draft.sdkAppId);
  const who = plainText(draft.identifier);
  const kept = editing?.credentials;
  const canKeep = kept !== undefined && kept.sdkAppId === sdkAppId && kept.identifier === draft.identifier && (draft.signWith === 'secretKey') === (kept.secretKey !== undefined);
  const asUserSig = draft.signWith === 'userSig';
  const looksOther = (v: string) => (asUserSig ? SECRET_KEY_SHAPE.test(v.trim()) : decodes(v.trim()));
  const check = (v: string) => (asUserSig ? checkUserSigFor(v, sdkAppId, draft.identifier) : checkSecretKey(v));
  const prompt = asUserSig
    ? canKeep
      ? vscode.l10n.t("Paste a UserSig generated for {0} in app {1}. It is kept in VS Code's secret storage only. Leave it empty to keep the stored one.", who, sdkAppId)
      : vscode.l10n.t("Paste a UserSig generated for {0} in app {1}. It is kept in VS Code's secret storage only.", who, sdkAppId)
    : canKeep
      ? vscode.l10n.t("Paste the secret key of app {0}. It is kept in VS Code's secret storage only. Leave it empty to keep the stored one.", sdkAppId)
      : vscode.l10n.t("Paste the secret key of app {0}. It is kept in VS Code's secret storage only.", sdkAppId);
  const value = await prompts.text({
    ...at,
    prompt,
    password: true,
    back: true,
    validate: (v) => {
      if (canKeep && !v) return undefined;
      if (looksOther(v)) return undefined; // offered to switch on Enter
      return check(v);
    },
    hint: (v) => {
      if (looksOther(v)) {
        return asUserSig
          ? vscode.l10n.t('This looks like a secret key, not a UserSig. Press Enter to use it as the secret key.')
          : vscode.l10n.t('This looks like a UserSig, not a secret key. Press Enter to use it as the UserSig.');
      }
      if (!asUserSig) return undefined;
      const expiresMs = decodeUserSig(v.trim()).expiresAt * 1000;
      return vscode.l10n.t('Valid UserSig for {0}, expires {1} ({2}). Press Enter to store it.', who, formatLocalTime(expiresMs), formatRelative(expiresMs));
    },
  });
  if (value === undefined) return 'cancel';
  if (value === BACK) return BACK;
  if (canKeep && !value) {
    draft.secret = kept.secretKey ?? kept.userSig;
    return 'next';
  }
  if (looksOther(value)) return offerSwitch(prompts, at, draft, editing, value.trim());
  draft.secret = value.trim();
  return 'next';
}

/** The pasted secret looks like the other kind: take it as that (when valid as that), or paste again. */
async function offerSwitch(prompts: Prompts, at: Step, draft: Draft, editing: AppBeingEdited | undefined, pasted: string): Promise<StepResult> {
  const other: SignWith = draft.signWith === 'userSig' ? 'secretKey' : 'userSig';
  const reason = other === 'secretKey' ? checkSecretKey(pasted) : checkUserSigFor(pasted, Number(draft.sdkAppId), draft.identifier);
  const pasteAgain = vscode.l10n.t('Paste again');
  const items: SwitchItem[] = [
    reason
      ? {
          switchTo: false,
          label: pasteAgain,
          detail:
            other === 'secretKey'
              ? vscode.l10n.t('It cannot be used as the secret key either: {0}', plainText(reason))
              : vscode.l10n.t('It cannot be used as the UserSig either: {0}', plainText(reason)),
        }
      : {
          switchTo: true,
          label: other === 'secretKey' ? vscode.l10n.t('Use it as the secret key') : vscode.l10n.t('Use it as the UserSig'),
          detail: vscode.l10n.t('Chat Roles then signs with that instead.'),
        },
    ...(reason ? [] : [{ switchTo: false, label: pasteAgain }]),
  ];
  const picked = await prompts.pick({
    ...at,
    back: false,
    placeholder:
      other === 'secretKey'
        ? vscode.l10n.t('What you pasted looks like a secret key, not a UserSig.')
        : vscode.l10n.t('What you pasted looks like a UserSig, not a secret key.'),
    items,
  });
  if (picked === undefined) return 'cancel';
  if (!picked.switchTo) return askSecret(prompts, at, draft, editing);
  draft.signWith = other;
  draft.secret = pasted;
  return 'next';
}
