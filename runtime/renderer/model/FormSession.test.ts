import { FormCompiler } from '@formwork/definitions';
import { readCodeTables, readForms, readTriggers } from '@formwork/seed/lib/readSpec';
import { describe, expect, it } from 'vitest';
import { createFormworkValidator } from '../validator/formworkValidator.js';
import { FormSession } from './FormSession.js';

/** The seed hypertension follow-up compiled as the server compiles it, with its release trigger. */
const form = new FormCompiler({ codeTables: readCodeTables('national-phs', '3.0.1') }).compile(
  readForms('national-phs', '3.0.1').get('hypertension-followup')!,
);
const trigger = readTriggers('national-phs', '3.0.1')['hypertension-urgent-referral']!;
const today = { today: () => '2026-12-07' };
const newSession = () =>
  new FormSession(createFormworkValidator(form, { clock: today }), {
    triggers: [trigger],
    clock: today,
  });

describe('a follow-up being filled', () => {
  it('given a wrong value typed, then its error is shown only once the doctor has left the field, and every error after a submit', () => {
    const session = newSession();
    session.setData({ sbp: 120, dbp: 130 });
    expect(session.snapshot.shownErrors.size).toBe(0);
    session.touch('/dbp');
    expect(session.snapshot.shownErrors.get('/dbp')?.map((e) => e.message.zh)).toEqual([
      '舒张压应低于收缩压',
    ]);
    const outcome = session.submit();
    expect(outcome.ok).toBe(false);
    expect(session.snapshot.shownErrors.has('/visitDate')).toBe(true);
  });

  it('given 185/112, then the urgent-referral trigger holds and its banner is up, and it goes at 150/95', () => {
    const session = newSession();
    session.setData({ sbp: 185, dbp: 112 });
    expect(session.snapshot.data.urgentReferral).toBe(true);
    expect(session.snapshot.banners.map((b) => b.id)).toEqual(['hypertension-urgent-referral']);
    session.setData({ sbp: 150, dbp: 95 });
    expect(session.snapshot.banners).toEqual([]);
  });

  it('given 无症状 among the symptoms, then it is the option that stands alone, as the form rule says', () => {
    const session = newSession();
    const codes = ['1', '2', '3', '4'];
    expect([...session.exclusiveOptions('/symptoms', codes)]).toEqual(['1']);
  });
});
