/**
 * SM2 keys in the files OpenSSL reads and writes: private keys as PKCS#8 (`PRIVATE KEY`), SEC1
 * (`EC PRIVATE KEY`, `SM2 PRIVATE KEY`) or passphrase-encrypted PKCS#8 (`ENCRYPTED PRIVATE KEY`,
 * PBES2 with PBKDF2-HMAC-SHA256 and AES-CBC, what `openssl pkcs8 -topk8 -v2 aes-256-cbc` writes),
 * public keys as SubjectPublicKeyInfo (`PUBLIC KEY`). Keys on any curve but SM2 are refused by
 * name ("wrong curve: prime256v1"); a point not on the curve is refused too.
 */
import { createCipheriv, createDecipheriv, pbkdf2Sync, randomBytes } from 'node:crypto';
import { sm2 } from 'sm-crypto-v2';
import {
  children,
  DerError,
  encode,
  readOid,
  readOne,
  readUnsignedInteger,
  sequence,
  TAG,
  unsignedInteger,
  type DerNode,
} from '../asn1/der.js';
import { ALGORITHM_NAMES, CURVE_NAMES, OID } from '../asn1/oids.js';
import { SigningInputError } from '../SigningInputError.js';
import { publicKeyOf, SM2_ORDER, type Sm2KeyPair } from '../sm2/sm2.js';
import { readPem, writePem } from './pem.js';

const PBKDF2_ITERATIONS = 100_000;

/** Reads a private key file (PEM). `passphrase` is needed for an encrypted one. */
export function readPrivateKey(pem: string, passphrase?: string): Sm2KeyPair {
  const block = readPem(pem, '私钥 private key').find((b) => b.label.endsWith('PRIVATE KEY'));
  if (!block)
    throw new SigningInputError(
      'key_missing',
      '文件中没有私钥',
      'the file holds no PRIVATE KEY block',
    );
  return guard('私钥 private key', () => {
    switch (block.label) {
      case 'PRIVATE KEY':
        return fromPkcs8(block.der);
      case 'EC PRIVATE KEY':
      case 'SM2 PRIVATE KEY':
        return fromSec1(block.der, undefined);
      case 'ENCRYPTED PRIVATE KEY':
        if (passphrase === undefined || passphrase === '')
          throw new SigningInputError(
            'passphrase_required',
            '私钥已加密，需要口令',
            'the private key is encrypted: a passphrase is needed',
          );
        return fromPkcs8(decryptPkcs8(block.der, passphrase));
      default:
        throw new SigningInputError(
          'key_unsupported',
          `不支持的私钥格式 ${block.label}`,
          `unsupported private key format ${block.label}`,
        );
    }
  });
}

/** Reads a public key (PEM `PUBLIC KEY`, SubjectPublicKeyInfo) as 04‖x‖y hex. */
export function readPublicKey(pem: string): string {
  const block = readPem(pem, '公钥 public key').find((b) => b.label === 'PUBLIC KEY');
  if (!block)
    throw new SigningInputError(
      'key_missing',
      '文件中没有公钥',
      'the file holds no PUBLIC KEY block',
    );
  return guard('公钥 public key', () => publicKeyFromSpki(readOne(block.der, TAG.SEQUENCE)));
}

/** The SM2 point of a SubjectPublicKeyInfo node (certificates use this too). */
export function publicKeyFromSpki(spki: DerNode): string {
  const [algorithm, bits] = children(spki);
  if (!algorithm || !bits || bits.tag !== TAG.BIT_STRING)
    throw new DerError('a SubjectPublicKeyInfo is SEQUENCE { algorithm, BIT STRING }');
  checkCurve(children(algorithm));
  if (bits.value[0] !== 0) throw new DerError('the public key BIT STRING has unused bits');
  return checkPoint(Buffer.from(bits.value.subarray(1)).toString('hex'));
}

export function writePrivateKey(key: Sm2KeyPair, passphrase?: string): string {
  const pkcs8 = toPkcs8(key);
  return passphrase
    ? writePem('ENCRYPTED PRIVATE KEY', encryptPkcs8(pkcs8, passphrase))
    : writePem('PRIVATE KEY', pkcs8);
}

export function writePublicKey(publicKey: string): string {
  return writePem('PUBLIC KEY', spkiOf(publicKey));
}

/** SubjectPublicKeyInfo DER of an SM2 public key. */
export function spkiOf(publicKey: string): Uint8Array {
  return sequence(
    sequence(oid(OID.ecPublicKey), oid(OID.sm2Curve)),
    encode(TAG.BIT_STRING, new Uint8Array([0, ...Buffer.from(publicKey, 'hex')])),
  );
}

/** DER of an OBJECT IDENTIFIER in dotted form. */
export function oid(dotted: string): Uint8Array {
  const arcs = dotted.split('.').map(Number);
  const bytes: number[] = [40 * arcs[0]! + arcs[1]!];
  for (const arc of arcs.slice(2)) {
    const chunk: number[] = [arc & 0x7f];
    for (let n = Math.floor(arc / 128); n > 0; n = Math.floor(n / 128))
      chunk.unshift((n & 0x7f) | 0x80);
    bytes.push(...chunk);
  }
  return encode(TAG.OID, new Uint8Array(bytes));
}

function fromPkcs8(der: Uint8Array): Sm2KeyPair {
  const [version, algorithm, privateKey] = children(readOne(der, TAG.SEQUENCE));
  if (
    !version ||
    readUnsignedInteger(version) !== 0n ||
    !algorithm ||
    privateKey?.tag !== TAG.OCTET_STRING
  )
    throw new DerError('not a PKCS#8 PrivateKeyInfo');
  const curve = checkCurve(children(algorithm));
  return fromSec1(privateKey.value, curve);
}

function fromSec1(der: Uint8Array, curveFromPkcs8: string | undefined): Sm2KeyPair {
  const parts = children(readOne(der, TAG.SEQUENCE));
  const [version, scalar] = parts;
  if (!version || readUnsignedInteger(version) !== 1n || scalar?.tag !== TAG.OCTET_STRING)
    throw new DerError('not an ECPrivateKey (SEC1)');
  const params = parts.find((p) => p.tag === 0xa0);
  if (params) checkCurveOid(children(params)[0]);
  else if (!curveFromPkcs8) throw new DerError('the key names no curve');
  const d = BigInt(`0x${Buffer.from(scalar.value).toString('hex') || '0'}`);
  if (d < 1n || d >= SM2_ORDER - 1n) throw new DerError('the private scalar is out of range');
  const privateKey = d.toString(16).padStart(64, '0');
  return { privateKey, publicKey: publicKeyOf(privateKey) };
}

function toPkcs8(key: Sm2KeyPair): Uint8Array {
  const sec1 = sequence(
    unsignedInteger(1n),
    encode(TAG.OCTET_STRING, Buffer.from(key.privateKey, 'hex')),
    encode(0xa1, encode(TAG.BIT_STRING, new Uint8Array([0, ...Buffer.from(key.publicKey, 'hex')]))),
  );
  return sequence(
    unsignedInteger(0n),
    sequence(oid(OID.ecPublicKey), oid(OID.sm2Curve)),
    encode(TAG.OCTET_STRING, sec1),
  );
}

/** AlgorithmIdentifier { id-ecPublicKey, namedCurve }: the curve must be SM2. */
function checkCurve(algorithm: DerNode[]): string {
  const [kind, curve] = algorithm;
  const name = kind ? readOid(kind) : 'none';
  if (name !== OID.ecPublicKey)
    throw new SigningInputError(
      'wrong_algorithm',
      `不是椭圆曲线密钥（${ALGORITHM_NAMES[name] ?? name}），需要 SM2`,
      `not an elliptic-curve key (algorithm ${ALGORITHM_NAMES[name] ?? name}); SM2 is required`,
    );
  return checkCurveOid(curve);
}

function checkCurveOid(curve: DerNode | undefined): string {
  if (!curve || curve.tag !== TAG.OID)
    throw new SigningInputError(
      'wrong_curve',
      '密钥未指明命名曲线，需要 SM2',
      'the key names no named curve; SM2 is required',
    );
  const name = readOid(curve);
  if (name !== OID.sm2Curve)
    throw new SigningInputError(
      'wrong_curve',
      `曲线错误：${CURVE_NAMES[name] ?? name}，需要 SM2`,
      `wrong curve: ${CURVE_NAMES[name] ?? name}; SM2 is required`,
    );
  return name;
}

function checkPoint(hex: string): string {
  let onCurve = false;
  try {
    onCurve = hex.length === 130 && hex.startsWith('04') && sm2.verifyPublicKey(hex);
  } catch {
    onCurve = false;
  }
  if (!onCurve)
    throw new SigningInputError(
      'key_invalid',
      '公钥不是 SM2 曲线上的点',
      'the public key is not a point on the SM2 curve',
    );
  return hex;
}

function encryptPkcs8(pkcs8: Uint8Array, passphrase: string): Uint8Array {
  const salt = randomBytes(16);
  const iv = randomBytes(16);
  const key = pbkdf2Sync(passphrase, salt, PBKDF2_ITERATIONS, 32, 'sha256');
  const cipher = createCipheriv('aes-256-cbc', key, iv);
  const encrypted = Buffer.concat([cipher.update(pkcs8), cipher.final()]);
  return sequence(
    sequence(
      oid(OID.pbes2),
      sequence(
        sequence(
          oid(OID.pbkdf2),
          sequence(
            encode(TAG.OCTET_STRING, salt),
            unsignedInteger(BigInt(PBKDF2_ITERATIONS)),
            sequence(oid(OID.hmacWithSha256), encode(TAG.NULL, new Uint8Array())),
          ),
        ),
        sequence(oid(OID.aes256Cbc), encode(TAG.OCTET_STRING, iv)),
      ),
    ),
    encode(TAG.OCTET_STRING, encrypted),
  );
}

function decryptPkcs8(der: Uint8Array, passphrase: string): Uint8Array {
  const [algorithm, data] = children(readOne(der, TAG.SEQUENCE));
  if (!algorithm || data?.tag !== TAG.OCTET_STRING)
    throw new DerError('not an EncryptedPrivateKeyInfo');
  const [scheme, params] = children(algorithm);
  if (!scheme || readOid(scheme) !== OID.pbes2 || !params)
    throw new SigningInputError(
      'key_unsupported',
      '仅支持 PBES2 加密的私钥',
      'only PBES2-encrypted keys are supported (openssl pkcs8 -topk8 -v2 aes-256-cbc)',
    );
  const [kdf, cipher] = children(params);
  const [kdfOid, kdfParams] = kdf ? children(kdf) : [];
  if (!kdfOid || readOid(kdfOid) !== OID.pbkdf2 || !kdfParams || !cipher)
    throw new SigningInputError(
      'key_unsupported',
      '仅支持 PBKDF2 口令派生',
      'only PBKDF2 key derivation is supported',
    );
  const [salt, iterations, ...rest] = children(kdfParams);
  if (salt?.tag !== TAG.OCTET_STRING || !iterations) throw new DerError('bad PBKDF2 parameters');
  const rounds = Number(readUnsignedInteger(iterations));
  if (rounds < 1 || rounds > 10_000_000) throw new DerError('PBKDF2 iteration count out of range');
  const prf = rest.find((p) => p.tag === TAG.SEQUENCE);
  const prfOid = prf ? readOid(children(prf)[0]!) : '1.2.840.113549.2.7';
  if (prfOid !== OID.hmacWithSha256)
    throw new SigningInputError(
      'key_unsupported',
      '仅支持 HMAC-SHA256 口令派生',
      'only PBKDF2 with hmacWithSHA256 is supported',
    );
  const [cipherOid, iv] = children(cipher);
  const cipherName = cipherOid ? readOid(cipherOid) : '';
  const algorithmName =
    cipherName === OID.aes256Cbc
      ? 'aes-256-cbc'
      : cipherName === OID.aes128Cbc
        ? 'aes-128-cbc'
        : undefined;
  if (!algorithmName || iv?.tag !== TAG.OCTET_STRING || iv.value.length !== 16)
    throw new SigningInputError(
      'key_unsupported',
      '仅支持 AES-CBC 加密的私钥',
      'only AES-128/256-CBC encrypted keys are supported',
    );
  const key = pbkdf2Sync(
    passphrase,
    salt.value,
    rounds,
    algorithmName === 'aes-256-cbc' ? 32 : 16,
    'sha256',
  );
  try {
    const decipher = createDecipheriv(algorithmName, key, iv.value);
    return new Uint8Array(Buffer.concat([decipher.update(data.value), decipher.final()]));
  } catch {
    throw new SigningInputError(
      'passphrase_wrong',
      '私钥口令错误',
      'wrong passphrase for the private key',
    );
  }
}

/** Turns DER errors into a SigningInputError naming what was being read. */
function guard<T>(what: string, read: () => T): T {
  try {
    return read();
  } catch (err) {
    if (err instanceof DerError)
      throw new SigningInputError(
        'key_malformed',
        `${what}格式错误：${err.message}`,
        `malformed ${what}: ${err.message}`,
      );
    throw err;
  }
}
