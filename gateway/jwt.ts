/**
 * KUKSA databroker's authorization model, for the gateway: a JWT in each VISS request's
 * `authorization` field, verified against a public key given with `--jwt-public-key`, and the
 * `scope` claim turned into read / actuate / provide / create permissions on VSS path globs.
 *
 * Ported from eclipse-kuksa/kuksa-databroker (`databroker/src/authorization/jwt/decoder.rs`,
 * `scope.rs`, `permissions.rs`, `glob.rs`), with Node's `crypto` (no dependency):
 * - RSA keys only (PEM, SPKI or PKCS#1); the header's `alg` must be RS256, RS384 or RS512. KUKSA also
 *   takes EC (ES256/384) and Ed25519 keys; the gateway refuses those keys at start.
 * - Claims as KUKSA's `Claims` struct: `sub`, `iss` (strings), `aud` (an array of strings that must
 *   contain `kuksa.val`), `iat`, `exp` (non-negative integers), `scope` (string). A missing or
 *   mistyped claim makes the token invalid.
 * - `exp` is checked with jsonwebtoken's default leeway of 60 s; `nbf` and `iss` are not checked.
 * - Scopes: whitespace-separated `action[:path]`, action `read`, `actuate`, `provide`, `create`;
 *   path segments `[A-Z][a-zA-Z0-1]*` or `*` (KUKSA's regex, digits 0 and 1 only, as it is).
 *   No path: every path. Any other scope makes the token invalid.
 * - Read is included in actuate, provide and create (KUKSA's convention).
 */
import { createPrivateKey, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';

/** The audience KUKSA requires (its TODO: "Make aud configurable"). */
export const KUKSA_AUDIENCE = 'kuksa.val';
/** jsonwebtoken's default leeway for `exp`, seconds. */
export const EXP_LEEWAY_S = 60;

export interface JwtClaims {
  readonly sub: string;
  readonly iss: string;
  readonly aud: readonly string[];
  readonly iat: number;
  readonly exp: number;
  readonly scope: string;
}

export type ScopeAction = 'read' | 'actuate' | 'provide' | 'create';

/** What a token allows, as KUKSA's `Permissions`. */
export interface Permissions {
  canRead(path: string): boolean;
  canActuate(path: string): boolean;
  /** Epoch ms after which the permissions are void (the token's `exp`); null: never. */
  readonly expiresAt: number | null;
  expired(now?: number): boolean;
}

/** Everything allowed: authorization disabled (KUKSA `ALLOW_ALL`). */
export const ALLOW_ALL: Permissions = {
  canRead: () => true,
  canActuate: () => true,
  expiresAt: null,
  expired: () => false,
};

export type DecodeResult = { ok: true; claims: JwtClaims } | { ok: false; error: string };

const HASH: Readonly<Record<string, string>> = { RS256: 'sha256', RS384: 'sha384', RS512: 'sha512' };

function b64urlJson(part: string): unknown {
  if (!/^[A-Za-z0-9_-]*$/.test(part)) throw new Error('not base64url');
  return JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
}

const isUint = (x: unknown): x is number => typeof x === 'number' && Number.isInteger(x) && x >= 0;

/** Verifies RS256/384/512 tokens against one RSA public key, as KUKSA's `Decoder`. */
export class JwtDecoder {
  private readonly key: KeyObject;

  /** @param publicKeyPem the PEM text of the RSA public key (`--jwt-public-key <file>`). */
  constructor(publicKeyPem: string | KeyObject) {
    const key = typeof publicKeyPem === 'string' ? createPublicKey(publicKeyPem) : publicKeyPem;
    if (key.asymmetricKeyType !== 'rsa')
      throw new Error(`JWT public key: expected an RSA key, got ${key.asymmetricKeyType ?? 'unknown'}`);
    this.key = key;
  }

  decode(token: string, nowMs: number = Date.now()): DecodeResult {
    const parts = token.split('.');
    if (parts.length !== 3) return { ok: false, error: 'not a JWT (three parts expected)' };
    const [h, p, s] = parts as [string, string, string];
    let header: unknown;
    let payload: unknown;
    try {
      header = b64urlJson(h);
      payload = b64urlJson(p);
    } catch {
      return { ok: false, error: 'invalid token header or payload' };
    }
    const alg = (header as { alg?: unknown } | null)?.alg;
    const hash = typeof alg === 'string' ? HASH[alg] : undefined;
    if (!hash)
      return { ok: false, error: `token algorithm ${String(alg)} is not compatible with an RSA key` };
    if (!/^[A-Za-z0-9_-]+$/.test(s)) return { ok: false, error: 'invalid signature encoding' };
    const good = verify(hash, Buffer.from(`${h}.${p}`), this.key, Buffer.from(s, 'base64url'));
    if (!good) return { ok: false, error: 'invalid signature' };
    if (typeof payload !== 'object' || payload === null) return { ok: false, error: 'claims: not an object' };
    const c = payload as Record<string, unknown>;
    // jsonwebtoken: exp is a required claim and checked first.
    if (!isUint(c.exp)) return { ok: false, error: 'claims: exp missing' };
    if (c.exp < Math.floor(nowMs / 1000) - EXP_LEEWAY_S) return { ok: false, error: 'ExpiredSignature' };
    const aud = c.aud;
    const audOk = Array.isArray(aud) ? aud.includes(KUKSA_AUDIENCE) : aud === KUKSA_AUDIENCE;
    if (!audOk) return { ok: false, error: 'InvalidAudience' };
    // KUKSA's Claims struct: every field required, aud a Vec<String>.
    if (typeof c.sub !== 'string' || typeof c.iss !== 'string' || typeof c.scope !== 'string')
      return { ok: false, error: 'claims: sub, iss and scope must be strings' };
    if (!Array.isArray(aud) || !aud.every((a) => typeof a === 'string'))
      return { ok: false, error: 'claims: aud must be an array of strings' };
    if (!isUint(c.iat)) return { ok: false, error: 'claims: iat missing' };
    return {
      ok: true,
      claims: { sub: c.sub, iss: c.iss, aud: aud as string[], iat: c.iat, exp: c.exp, scope: c.scope },
    };
  }
}

const SCOPE_RE = /^(?<action>[^:]*)(?::(?<path>(?:[A-Z][a-zA-Z0-1]*|\*)(?:\.(?:[A-Z][a-zA-Z0-1]*|\*))*))?$/;

export interface Scope {
  readonly action: ScopeAction;
  /** null: every path. */
  readonly path: string | null;
}

/** KUKSA `scope::parse_whitespace_separated`: null when any scope is malformed. */
export function parseScopes(scope: string): Scope[] | null {
  const out: Scope[] = [];
  for (const part of scope.split(/\s+/).filter(Boolean)) {
    const m = SCOPE_RE.exec(part);
    if (!m?.groups) return null;
    const action = m.groups.action;
    if (action !== 'read' && action !== 'actuate' && action !== 'provide' && action !== 'create') return null;
    out.push({ action, path: m.groups.path ?? null });
  }
  return out;
}

/** KUKSA `glob::to_regex_string` (permission globs). */
export function globToRegex(glob: string): RegExp {
  if (glob === '*') return /(?!)/; // KUKSA turns a lone "*" into a pattern that matches nothing
  if (glob === '') return /^/;
  let re = glob.replace(/\./g, '\\.');
  if (!glob.includes('*')) {
    re += '(?:\\..+)?';
  } else {
    if (glob.startsWith('**.')) re = re.replace('**\\.', '.+\\.');
    else if (glob.startsWith('*.')) re = re.replace('*\\.', '[^.\\s\\:]+\\.');
    if (glob.endsWith('.*')) re = re.replaceAll('\\.*', '\\.[^.\\s\\:]+');
    else if (glob.endsWith('.**')) re = re.replaceAll('\\.**', '\\..*');
    if (glob.includes('.**.')) re = re.replaceAll('\\.**', '[\\.[^.\\s\\:]+]*');
    if (glob.includes('.*.')) re = re.replaceAll('\\.*', '\\.[^.\\s\\:]+');
  }
  return new RegExp(`^${re}$`);
}

class Matcher {
  private all = false;
  private readonly regexps: RegExp[] = [];
  add(path: string | null): void {
    if (path === null) this.all = true;
    else this.regexps.push(globToRegex(path));
  }
  match(path: string): boolean {
    return this.all || this.regexps.some((r) => r.test(path));
  }
}

/** KUKSA `Permissions::try_from(Claims)`: null when the scope is malformed (token invalid). */
export function permissionsFromClaims(claims: JwtClaims): Permissions | null {
  const scopes = parseScopes(claims.scope);
  if (!scopes) return null;
  const m: Record<ScopeAction, Matcher> = {
    read: new Matcher(),
    actuate: new Matcher(),
    provide: new Matcher(),
    create: new Matcher(),
  };
  for (const s of scopes) m[s.action].add(s.path);
  const expiresAt = claims.exp * 1000;
  const expired = (now = Date.now()): boolean => expiresAt < now;
  return {
    // Read is included (by convention) in the other permissions.
    canRead: (path) =>
      m.read.match(path) || m.actuate.match(path) || m.provide.match(path) || m.create.match(path),
    canActuate: (path) => m.actuate.match(path),
    expiresAt,
    expired,
  };
}

/** Why a request's token was refused: KUKSA's 401 reasons. */
export type TokenRefusal = 'tokenMissing' | 'tokenInvalid';

/**
 * KUKSA `resolve_permissions`: authorization disabled (no decoder) → everything; otherwise the
 * request's token must decode and carry a well-formed scope.
 */
export function resolvePermissions(
  decoder: JwtDecoder | null,
  token: string | null | undefined,
  now = Date.now(),
): { ok: true; permissions: Permissions } | { ok: false; refusal: TokenRefusal; detail: string } {
  if (!decoder) return { ok: true, permissions: ALLOW_ALL };
  if (token === null || token === undefined)
    return { ok: false, refusal: 'tokenMissing', detail: 'no token' };
  const decoded = decoder.decode(token, now);
  if (!decoded.ok) return { ok: false, refusal: 'tokenInvalid', detail: decoded.error };
  const permissions = permissionsFromClaims(decoded.claims);
  if (!permissions) return { ok: false, refusal: 'tokenInvalid', detail: 'malformed scope' };
  return { ok: true, permissions };
}

/** Signs a token (tests, `docs/kuksa.md`'s token set-up): RS256 with a private key. */
export function signJwt(
  claims: Partial<JwtClaims> & Record<string, unknown>,
  privateKey: KeyObject | string,
  alg: 'RS256' | 'RS384' | 'RS512' = 'RS256',
): string {
  const enc = (x: unknown) => Buffer.from(JSON.stringify(x)).toString('base64url');
  const head = `${enc({ alg, typ: 'JWT' })}.${enc(claims)}`;
  const key = typeof privateKey === 'string' ? createPrivateKey(privateKey) : privateKey;
  return `${head}.${sign(HASH[alg]!, Buffer.from(head), key).toString('base64url')}`;
}
