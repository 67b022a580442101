import { createHash, randomBytes } from 'node:crypto';
import { readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';

/** One issued API key as stored: never the key itself, only its sha256. */
export interface IssuedKey {
  id: string;
  userId: string;
  sha256: string;
  issuedAt: string;
  revokedAt?: string;
}

/** Issued keys look like `ct_<id>_<secret>`: the id names the key in lists and revocations, the
 * secret is 32 random bytes. */
const KEY_FORMAT = /^ct_([0-9a-f]{12})_[A-Za-z0-9_-]{43}$/;

const sha256 = (key: string) => createHash('sha256').update(key, 'utf8').digest('hex');

/**
 * API keys issued per user by the operator (`cargotrace-gateway keys issue|rotate|revoke|list`),
 * kept hashed in `<data dir>/api-keys.json`. A key is shown once, when issued. A running gateway
 * sees keys issued, rotated or revoked by the command within a second (it re-reads the file when
 * its modification time changes).
 *
 * @example
 * ```ts
 * const keys = IssuedKeys.open('.data/api-keys.json');
 * const { key } = keys.issue('sip-warehouse-operator');
 * keys.userOf(key); // 'sip-warehouse-operator'
 * ```
 */
export class IssuedKeys {
  private entries: IssuedKey[] = [];
  private byHash = new Map<string, IssuedKey>();
  private mtimeMs = -1;
  private checkedAt = 0;

  private constructor(readonly file: string) {}

  static open(file: string): IssuedKeys {
    const keys = new IssuedKeys(file);
    keys.reload();
    return keys;
  }

  /** The user a presented key belongs to, when it is issued and not revoked. */
  userOf(key: string): string | undefined {
    if (!KEY_FORMAT.test(key)) return undefined;
    this.refresh();
    const entry = this.byHash.get(sha256(key));
    return entry && !entry.revokedAt ? entry.userId : undefined;
  }

  /** A new key for `userId`; the only time the key itself is seen. */
  issue(userId: string, now = new Date()): { id: string; key: string } {
    this.reload();
    const id = randomBytes(6).toString('hex');
    const key = `ct_${id}_${randomBytes(32).toString('base64url')}`;
    this.entries.push({ id, userId, sha256: sha256(key), issuedAt: now.toISOString() });
    this.save();
    return { id, key };
  }

  /** Revokes the key with this id, or every live key of this user; returns the ids revoked. */
  revoke(idOrUser: string, now = new Date()): string[] {
    this.reload();
    const revoked: string[] = [];
    for (const e of this.entries) {
      if (!e.revokedAt && (e.id === idOrUser || e.userId === idOrUser)) {
        e.revokedAt = now.toISOString();
        revoked.push(e.id);
      }
    }
    if (revoked.length > 0) this.save();
    return revoked;
  }

  /** Revokes the user's live keys and issues a new one. */
  rotate(userId: string, now = new Date()): { id: string; key: string; revoked: string[] } {
    const revoked = this.revoke(userId, now);
    return { ...this.issue(userId, now), revoked };
  }

  /** Every key ever issued (ids, users, dates; no secrets). */
  list(): Array<Omit<IssuedKey, 'sha256'>> {
    this.reload();
    return this.entries.map(({ sha256: _hash, ...rest }) => rest);
  }

  /** Re-reads the file when it changed, at most once a second. */
  private refresh(): void {
    const now = Date.now();
    if (now - this.checkedAt < 1000) return;
    this.checkedAt = now;
    const mtimeMs = mtimeOf(this.file);
    if (mtimeMs !== this.mtimeMs) this.reload();
  }

  private reload(): void {
    this.mtimeMs = mtimeOf(this.file);
    let parsed: unknown = [];
    try {
      parsed = JSON.parse(readFileSync(this.file, 'utf8'));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw new Error(`${this.file}: ${(err as Error).message}`, { cause: err });
    }
    this.entries = Array.isArray(parsed) ? (parsed as IssuedKey[]) : [];
    this.byHash = new Map(this.entries.map((e) => [e.sha256, e]));
  }

  /** Written whole to a temporary file and renamed over, so a reader never sees half a file. */
  private save(): void {
    const tmp = `${this.file}.${process.pid}.tmp`;
    writeFileSync(tmp, `${JSON.stringify(this.entries, null, 2)}\n`, { mode: 0o600 });
    renameSync(tmp, this.file);
    this.reload();
  }
}

function mtimeOf(file: string): number {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return -1;
  }
}
