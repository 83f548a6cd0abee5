/** Object identifiers of the Chinese commercial cryptography (GM/T 0006) and X.509 we read. */
export const OID = {
  /** id-ecPublicKey (RFC 5480) */
  ecPublicKey: '1.2.840.10045.2.1',
  /** The SM2 curve, sm2p256v1 (GM/T 0006) */
  sm2Curve: '1.2.156.10197.1.301',
  /** SM2 signature with SM3 (GM/T 0006) */
  sm2WithSm3: '1.2.156.10197.1.501',
  pbes2: '1.2.840.113549.1.5.13',
  pbkdf2: '1.2.840.113549.1.5.12',
  hmacWithSha256: '1.2.840.113549.2.9',
  aes128Cbc: '2.16.840.1.101.3.4.1.2',
  aes256Cbc: '2.16.840.1.101.3.4.1.42',
} as const;

/** Names of curves people meet, for error messages ("wrong curve: prime256v1"). */
export const CURVE_NAMES: Readonly<Record<string, string>> = {
  '1.2.156.10197.1.301': 'SM2',
  '1.2.840.10045.3.1.7': 'prime256v1 (P-256)',
  '1.3.132.0.34': 'secp384r1 (P-384)',
  '1.3.132.0.35': 'secp521r1 (P-521)',
  '1.3.132.0.10': 'secp256k1',
};

export const ALGORITHM_NAMES: Readonly<Record<string, string>> = {
  '1.2.156.10197.1.501': 'SM2-with-SM3',
  '1.2.840.10045.4.3.2': 'ecdsa-with-SHA256',
  '1.2.840.113549.1.1.11': 'sha256WithRSAEncryption',
  '1.2.840.113549.1.1.1': 'rsaEncryption',
};
