// Entry of dist/chat-runtime.js: the Chat client with undici, loaded lazily by the extension on the first
// query (src/runtime.ts). It exports only what the extension takes from it; the light core modules
// (errors, ids, regions, usersig) are imported by the main bundle directly, since they pull in no undici.
export { ChatClient } from './client';
export { useTranslations } from './l10n';
