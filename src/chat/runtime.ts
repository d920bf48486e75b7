// Entry of dist/chat-runtime.js: everything that needs undici, loaded lazily by the extension.
export * from './types';
