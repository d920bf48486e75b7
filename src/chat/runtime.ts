// Entry of dist/chat-runtime.js: the Chat client with undici, loaded lazily by the extension on the first
// query (src/runtime.ts). The light modules are re-exported too, so one loaded bundle offers everything;
// the main bundle may still import them directly (they pull in no undici).
export * from './types';
export {
  ChatClient,
  MAX_ACCOUNTS_PER_REQUEST,
  MAX_GROUPS_PER_INFO_REQUEST,
  ORIGIN_MEMORY_MS,
  type ChatClientOptions,
  type ChatClientStats,
  type GroupInfo,
  type LogLevel,
  type ProxySettings,
  type QueryOptions,
  type RetryOptions,
} from './client';
export { ChatError, describeError, formatError, isRetryable, isSlowDown, redactSecrets, type ErrorDescription, type ErrorScope } from './errors';
export { checkUserSig, decodeUserSig, mintUserSig, UserSigMinter, type DecodedUserSig, type UserSigProblem } from './usersig';
export { isLoopbackHost, REGIONS, resolveOrigins, validateEndpoint, type RegionId } from './regions';
