import { describe, expect, it } from 'vitest';
import { auditHash, GENESIS_HASH } from './auditHash.js';

describe('auditHash', () => {
  it('given a row, when hashed, then the result is sha256 of prev_hash, a newline and the canonical JSON of its columns (a fixed vector an auditor can reproduce with sha256sum)', () => {
    // printf '%s\n%s' 000…000 '{"action":"subject.view",…,"target_type":null}' | sha256sum
    expect(
      auditHash(GENESIS_HASH, {
        seq: 1,
        occurred_at: '2025-03-01T08:00:00.000Z',
        action: 'subject.view',
        outcome: 'success',
        actor_user_id: null,
        actor_username: 'doctor.li',
        org_unit_code: '110101001',
        target_type: null,
        target_id: null,
        subject_id: null,
        request_id: null,
        ip: null,
        details: { view: 'masked' },
      }),
    ).toBe('1c9a6821f5394656231809164c894f1d196e12c28cf2437653c3589885446590');
  });
});
