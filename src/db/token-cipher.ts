import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

// Workspaces' tokens are sealed before they reach the database: AES-256-GCM with a fresh 96-bit nonce per value, and
// the installation it belongs to as additional data, so a sealed token copied into another row does not open there.
// A sealed value reads `v1.<nonce>.<tag>.<ciphertext>` (base64url); the version leaves room to change the scheme.

const VERSION = 'v1';
const NONCE_BYTES = 12;

/** A sealed value that did not open: another key, another row, or a changed value. Says nothing of the value itself. */
export class TokenSealBroken extends Error {
  constructor() {
    super('A stored token could not be decrypted: TOKEN_ENCRYPTION_KEY is not the key it was stored with');
    this.name = 'TokenSealBroken';
  }
}

export class TokenCipher {
  constructor(private readonly key: Buffer) {
    if (key.length !== 32) throw new Error('TOKEN_ENCRYPTION_KEY must be 32 bytes');
  }

  seal(token: string, owner: string): string {
    const nonce = randomBytes(NONCE_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, nonce);
    cipher.setAAD(Buffer.from(owner));
    const sealed = Buffer.concat([cipher.update(token, 'utf8'), cipher.final()]);
    return [VERSION, nonce, cipher.getAuthTag(), sealed]
      .map((part) => (typeof part === 'string' ? part : part.toString('base64url')))
      .join('.');
  }

  open(value: string, owner: string): string {
    const [version, nonce, tag, sealed] = value.split('.');
    if (version !== VERSION || nonce === undefined || tag === undefined || sealed === undefined) {
      throw new TokenSealBroken();
    }
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(nonce, 'base64url'));
      decipher.setAAD(Buffer.from(owner));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(sealed, 'base64url')), decipher.final()]).toString('utf8');
    } catch {
      throw new TokenSealBroken();
    }
  }
}
