import { z } from 'zod';

/** A signature as stored (signing/DocumentSigner.ts DocumentSignature). */
export const DocumentSignatureSchema = z
  .object({
    algorithm: z.string().meta({ description: 'e.g. SM2-SM3' }),
    value: z.string().meta({ description: 'The signature, base64 (SM2: DER SEQUENCE { r, s })' }),
    certificate: z
      .string()
      .optional()
      .meta({ description: 'The signer’s X.509 certificate, base64 DER' }),
    signer: z.string().meta({ description: 'The certificate’s subject, e.g. CN=王建国, O=…' }),
    signedAt: z.string().meta({ description: 'ISO 8601 UTC; part of the signed bytes' }),
  })
  .meta({ id: 'DocumentSignature' });

/** What a verification answers (signing/DocumentSigner.ts SignatureVerification). */
export const SignatureVerificationSchema = z
  .object({
    status: z
      .enum(['valid', 'invalid', 'certificate-expired', 'revoked', 'unknown-issuer', 'unsigned'])
      .meta({
        description:
          'valid: the signature holds and its certificate chains to a trusted root, was valid at the signing time and is not revoked; each other status names the first thing that failed; unsigned: nothing (or not this revision) is signed',
      }),
    message: z.object({ zh: z.string(), en: z.string() }),
    signer: z.string().optional(),
    signedAt: z.string().optional(),
    algorithm: z.string().optional(),
    certificate: z
      .object({
        serial: z.string(),
        subject: z.string(),
        issuer: z.string(),
        notBefore: z.string(),
        notAfter: z.string(),
      })
      .optional(),
  })
  .meta({ id: 'SignatureVerification' });

export const SIGNER_UNAVAILABLE =
  '`signer_unavailable`: a signature is stored but no signing plugin is loaded to verify it';
