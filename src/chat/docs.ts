// Tencent's documentation pages the error catalogue links, each in English (the international site,
// product 1047) and in Chinese (cloud.tencent.com, product 269: the same page where one exists).
// Page IDs checked against the published pages; where a page has no Chinese twin, both links are the same.

/** The display languages a docs link exists in; every other language gets English. */
export type DocsLocale = 'en' | 'zh-cn';

export type DocsLinks = Readonly<Record<DocsLocale, string>>;

export const DOCS_PAGES = {
  /** The server error-code list (群组错误码 10xxx, public 60xxx/70xxx). */
  errorCodes: {
    en: 'https://www.tencentcloud.com/document/product/1047/34348',
    'zh-cn': 'https://cloud.tencent.com/document/product/269/1671',
  },
  /** get_role_in_group: its own error table, group types (AVChatRoom → 10007), request and answer fields. */
  getRoleInGroup: {
    en: 'https://www.tencentcloud.com/document/product/1047/34963',
    'zh-cn': 'https://cloud.tencent.com/document/product/269/1626',
  },
  /** RESTful API overview: the URL, each region's domain and backup domain, HTTP status 200 for every answer. */
  restApiOverview: {
    en: 'https://www.tencentcloud.com/document/product/1047/34620',
    'zh-cn': 'https://cloud.tencent.com/document/product/269/1519',
  },
  /** Generating UserSig: what it holds, its expiry, the secret key. */
  userSig: {
    en: 'https://www.tencentcloud.com/document/product/1047/34385',
    'zh-cn': 'https://cloud.tencent.com/document/product/269/32688',
  },
  /** VS Code's proxy settings (Microsoft publishes this page in English only). */
  vscodeProxy: {
    en: 'https://code.visualstudio.com/docs/setup/network#_proxy-server-support',
    'zh-cn': 'https://code.visualstudio.com/docs/setup/network#_proxy-server-support',
  },
} as const satisfies Record<string, DocsLinks>;

/**
 * The link for a VS Code display language (`vscode.env.language`: `zh-cn`, `zh-tw`, `en`, `de`…). Tencent
 * writes its Chinese docs in Simplified Chinese only; a reader of Traditional Chinese still reads them more
 * easily than the English ones, so every `zh…` language gets them.
 */
export function docsLinkFor(links: DocsLinks, language: string): string {
  return /^zh(?:-|$)/i.test(language) ? links['zh-cn'] : links.en;
}
