import type { SharedMessages } from './zh-CN.js';

/** The English of the texts the frontline app and the designer share (same keys as zh-CN.ts). */
const sharedEn: SharedMessages = {
  language: {
    label: 'Language',
    'zh-CN': '中文',
    en: 'English',
  },
  signature: {
    status: {
      valid: 'Verified',
      invalid: 'Invalid signature',
      'certificate-expired': 'Certificate expired',
      revoked: 'Certificate revoked',
      'unknown-issuer': 'Unknown issuer',
      unsigned: 'Unsigned',
    },
    checking: 'Verifying the signature…',
    unverifiable: 'Cannot verify',
    title: 'Digital signature',
    signer: 'Signer',
    signedAt: 'Signed at',
    algorithm: 'Algorithm',
    issuer: 'Certificate issuer',
    validity: 'Certificate valid',
    validityRange: '{from} to {to}',
    failed: 'The signature cannot be verified: {reason}',
  },
  signIn: {
    title: 'Sign in',
    username: 'Username',
    password: 'Password',
    totp: 'Authenticator code',
    totpHint:
      'Your role needs a second factor: enter the 6-digit code your authenticator app shows.',
    submit: 'Sign in',
    verify: 'Verify and sign in',
    back: 'Back',
    usernameRequired: 'Enter your username',
    passwordRequired: 'Enter your password',
    totpFormat: 'Enter the 6 digits',
    expired:
      'Your session expired or was ended elsewhere: sign in again. Unfinished work was kept where possible.',
    signedOut: 'You have signed out.',
    errors: {
      network_unreachable: 'The server cannot be reached: check the network and try again.',
    },
  },
};

export default sharedEn;
