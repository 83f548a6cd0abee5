import { describe, expect, it } from 'vitest';
import { GENESIS_HASH } from './auditHash.js';
import { recordChainOf, recordContentHash, recordLinkHash } from './recordAudit.js';

describe('the record chains’ hashes', () => {
  it('given a row, when hashed, then its content hash is sha256 of the canonical JSON of its columns and its link sha256 of prev_hash, seq and content hash on three lines (fixed vectors an auditor can reproduce with sha256sum)', () => {
    // C=$(printf '%s' '{"action":"submission.create",…,"target_type":"submission"}' | sha256sum)
    const content = recordContentHash({
      chain: '350121',
      occurred_at: '2026-11-23T02:00:00.000Z',
      action: 'submission.create',
      outcome: 'success',
      actor_user_id: '5f0c6f5e-8a43-4c5e-9d7b-2f1e0a9b8c7d',
      actor_username: 'doctor.li',
      org_unit_code: '350121101',
      target_type: 'submission',
      target_id: '0b8e4a52-6c1d-4f7a-9e3b-5a2c8d1f0e6b',
      subject_id: '7d5e2c1a-3b4f-4a6e-9c8d-1e2f3a4b5c6d',
      request_id: 'req-1',
      ip: '10.1.2.3',
      details: {
        revision: 1,
        releaseId: 'national-phs@3.0.1+fujian@1.2.0',
        formVersion: '3.0.1',
        formKey: 'hypertension-followup',
      },
    });
    expect(content).toBe('ad58a9aa14716c914eb61cf6372862568f1600115d3eba3289dca793d239bff3');
    // printf '%s\n%s\n%s' 000…000 1 $C | sha256sum
    const first = recordLinkHash(GENESIS_HASH, 1, content);
    expect(first).toBe('94dc2c7ee8f1cf05f0c87f72e2a949aece3fe6c03dfce891015b5f6eee10d12f');
    // printf '%s\n%s\n%s' $H1 2 $C | sha256sum: the same content one row later links differently
    expect(recordLinkHash(first, 2, content)).toBe(
      '601b7bb10908e857c040f01db1071de09e7c3063eb4ff94771dca18b9828c847',
    );
  });

  it('given a record’s org path, then its chain is its county (the fourth level), or the deepest level of a shorter path', () => {
    expect(recordChainOf('/100000/350000/350100/350121/350121101/350121101201-V01/')).toBe(
      '350121',
    );
    expect(recordChainOf('/100000/350000/350100/350121/350121-H01/')).toBe('350121');
    expect(recordChainOf('/100000/350000/350100/350121/')).toBe('350121');
    expect(recordChainOf('/100000/350000/')).toBe('350000');
    expect(() => recordChainOf('/')).toThrow(TypeError);
  });
});
