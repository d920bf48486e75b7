// Tencent's UserSig generator ships no types; these are the methods the tests and the bench call
// (TLSSigAPIv2.js in the package). It is the oracle the stand-in and src/chat/auth are checked against.
declare module 'tls-sig-api-v2' {
  export class Api {
    constructor(sdkAppId: number, key: string);
    /** A UserSig, optionally carrying a userbuf (as genPrivateMapKey does). */
    genSig(identifier: string, expireSeconds: number, userBuf?: Buffer): string;
    genUserSig(identifier: string, expireSeconds: number): string;
    genPrivateMapKey(identifier: string, expireSeconds: number, roomId: number, privilegeMap: number): string;
  }
}
