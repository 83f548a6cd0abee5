import { describe, expect, it } from 'vitest';
import {
  AuditPersonalDataError,
  findPersonalData,
  guardPersonalData,
} from './personalDataGuard.js';

describe('personalDataGuard', () => {
  it('given resident ID numbers and mobile numbers, when looked for, then they are found standing alone or inside text', () => {
    for (const text of [
      '11010519491231002X',
      '证件 110105194912310021 已核验',
      '44030619990101123x',
    ]) {
      expect(findPersonalData(text), text).toBe('resident-id');
    }
    for (const text of ['13812345678', '电话:13812345678', '+86 138 1234 5678', '138-1234-5678']) {
      expect(findPersonalData(text), text).toBe('mobile');
    }
  });

  it('given ids, hashes, timestamps and codes, when looked for, then nothing is found', () => {
    for (const text of [
      '7d5e2c1a-3b4f-4a6e-9c8d-1e2f3a4b5c6d',
      'a13812345678',
      '1c9a6821f5394656231809164c894f1d196e12c28cf2437653c3589885446590',
      '1740816000000',
      '110101001',
      '12345678901',
      '1382318712371283718', // a 19-digit snowflake id
      '2025-03-01T08:00:00.000Z',
    ]) {
      expect(findPersonalData(text), text).toBeUndefined();
    }
  });

  it('given details with personal data, when guarded in throw mode, then the error names the path and never the value', () => {
    let error: unknown;
    try {
      guardPersonalData({ changes: [{ field: 'idNumber', to: '11010519491231002X' }] }, 'throw');
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(AuditPersonalDataError);
    expect((error as Error).message).toContain('details.changes[0].to looks like a 居民身份证号');
    expect((error as Error).message).not.toContain('11010519491231002X');
    expect(() => guardPersonalData({ mobile: 13812345678 }, 'throw')).toThrow(
      'details.mobile looks like a 手机号 / mobile number',
    );
  });

  it('given details with personal data, when guarded in redact mode (production), then only the matching text is replaced', () => {
    expect(
      guardPersonalData({ note: '回拨 13812345678 确认', count: 2, nested: ['ok'] }, 'redact'),
    ).toEqual({ note: '回拨 [redacted] 确认', count: 2, nested: ['ok'] });
  });
});
