import { describe, expect, it } from 'vitest';
import {
  makeResidentIdNumber,
  maskIdNumber,
  maskPhone,
  validateResidentIdNumber,
} from './residentIdNumber.js';

const TODAY = '2024-06-30';

/** Replaces the character at `index`. */
function withChar(id: string, index: number, char: string): string {
  return id.slice(0, index) + char + id.slice(index + 1);
}

describe('validateResidentIdNumber', () => {
  // Check characters computed by hand: Σ digit × weight (7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2),
  // mod 11, indexed into "10X98765432".
  it.each([
    // GB 11643-1999's own example: Σ = 167, 167 mod 11 = 2 → X.
    ['11010519491231002X', '1949-12-31', 'female', '110105'],
    // Σ = 180, 180 mod 11 = 4 → 8.
    ['350102199001011238', '1990-01-01', 'male', '350102'],
    // A leap day: Σ = 200, 200 mod 11 = 2 → X.
    ['44030620000229005X', '2000-02-29', 'male', '440306'],
    // Σ = 222, 222 mod 11 = 2 → X.
    ['31010419850615004X', '1985-06-15', 'female', '310104'],
  ])('accepts %s', (id, birthDate, sex, region) => {
    expect(validateResidentIdNumber(id, TODAY)).toEqual({
      ok: true,
      normalized: id,
      birthDate,
      sex,
      region,
    });
  });

  it('accepts numbers built by makeResidentIdNumber', () => {
    for (let sequence = 0; sequence <= 999; sequence += 37) {
      const id = makeResidentIdNumber('330106', '1972-03-08', sequence);
      const result = validateResidentIdNumber(id, TODAY);
      expect(result).toMatchObject({
        ok: true,
        normalized: id,
        birthDate: '1972-03-08',
        region: '330106',
        sex: sequence % 2 === 1 ? 'male' : 'female',
      });
    }
    expect(makeResidentIdNumber('110105', '1949-12-31', 2)).toBe('11010519491231002X');
    expect(makeResidentIdNumber('350102', '1990-01-01', 123)).toBe('350102199001011238');
  });

  it('normalizes a lowercase x and surrounding whitespace', () => {
    expect(validateResidentIdNumber(' 11010519491231002x\n', TODAY)).toMatchObject({
      ok: true,
      normalized: '11010519491231002X',
    });
  });

  it('accepts a birth date of today and of 1900-01-01, not the day after today', () => {
    const born = (date: string) => makeResidentIdNumber('110105', date, 1);
    expect(validateResidentIdNumber(born(TODAY), TODAY).ok).toBe(true);
    expect(validateResidentIdNumber(born('1900-01-01'), TODAY).ok).toBe(true);
    expect(validateResidentIdNumber(born('2024-07-01'), TODAY)).toMatchObject({
      ok: false,
      code: 'bad-birth-date',
    });
  });

  it.each([
    [undefined, 'not-a-string'],
    [110105194912310020, 'not-a-string'],
    [null, 'not-a-string'],
    ['', 'wrong-length'],
    ['110105491231002', 'wrong-length'], // a 15-digit first-generation number
    ['11010519491231002X1', 'wrong-length'],
    ['11010519491231002Y', 'bad-characters'],
    ['1101051949123100X2', 'bad-characters'],
    ['１１０１０５１９４９１２３１００２X', 'bad-characters'], // full-width digits
    [makeResidentIdNumber('000000', '1990-01-01', 11), 'bad-region'],
    ['440524188001010014', 'bad-birth-date'], // GB 11643's other example: born 1880
    [withChar('11010519491231002X', 11, '3'), 'bad-birth-date'], // month 13 (checked before the check digit)
    ['110105199002300014', 'bad-birth-date'], // 30 February
    ['110105190002290010', 'bad-birth-date'], // 1900 is not a leap year
    ['110105194912310021', 'bad-check-digit'],
    ['11010519491231003X', 'bad-check-digit'], // one digit typed wrong
    ['11010519491213002X', 'bad-check-digit'], // two digits swapped
  ])('rejects %j with %s', (value, code) => {
    const result = validateResidentIdNumber(value, TODAY);
    expect(result).toMatchObject({ ok: false, code });
    if (result.ok) return;
    expect(result.message.zh).not.toBe('');
    expect(result.message.en).not.toBe('');
  });

  it('says that 15-digit numbers are not accepted', () => {
    const result = validateResidentIdNumber('110105491231002', TODAY);
    expect(result).toMatchObject({ ok: false, code: 'wrong-length' });
    if (result.ok) return;
    expect(result.message.zh).toContain('15位');
    expect(result.message.en).toContain('15-digit');
  });

  it('does not reveal the expected check character', () => {
    for (const last of '013456789') {
      const result = validateResidentIdNumber(`11010519491231002${last}`, TODAY);
      expect(result).toMatchObject({ ok: false, code: 'bad-check-digit' });
      if (result.ok) return;
      expect(result.message.en).not.toMatch(/X/);
      expect(result.message.zh).not.toMatch(/X/);
    }
  });

  it('rejects a malformed today', () => {
    expect(() => validateResidentIdNumber('11010519491231002X', '20240630')).toThrow(RangeError);
    expect(() => validateResidentIdNumber('11010519491231002X', '2024-02-30')).toThrow(RangeError);
  });
});

describe('makeResidentIdNumber', () => {
  it.each([
    ['11010', '1990-01-01', 1, /region must be 6 digits/],
    ['110105', '1990-02-30', 1, /birthDate must be a date/],
    ['110105', '19900101', 1, /birthDate must be a date/],
    ['110105', '1990-01-01', 1000, /sequence must be an integer from 0 to 999/],
    ['110105', '1990-01-01', 1.5, /sequence must be an integer/],
  ])('rejects %j %j %j', (region, birthDate, sequence, message) => {
    expect(() => makeResidentIdNumber(region, birthDate, sequence)).toThrow(message);
  });

  it('pads the sequence', () => {
    expect(makeResidentIdNumber('110105', '1990-01-01', 7).slice(14, 17)).toBe('007');
  });
});

describe('maskIdNumber', () => {
  it('keeps the region code and the last 4 characters', () => {
    expect(maskIdNumber('350102199001011238')).toBe('350102********1238');
    expect(maskIdNumber('11010519491231002X')).toBe('110105********002X');
  });

  it('masks anything else entirely, at least 4 characters', () => {
    expect(maskIdNumber('110105491231002')).toBe('*'.repeat(15));
    expect(maskIdNumber('12')).toBe('****');
    expect(maskIdNumber('')).toBe('****');
    expect(maskIdNumber('11010519491231002X1')).toBe('*'.repeat(19));
  });
});

describe('maskPhone', () => {
  it('keeps the first 3 and last 4 digits of a mainland mobile number', () => {
    expect(maskPhone('13812341234')).toBe('138****1234');
  });

  it('keeps only the last 4 characters of anything else', () => {
    expect(maskPhone('0591-87654321')).toBe('*********4321');
    expect(maskPhone('+8613812341234')).toBe('**********1234');
    expect(maskPhone('23456789')).toBe('****6789');
  });

  it('masks short values entirely', () => {
    expect(maskPhone('1234')).toBe('****');
    expect(maskPhone('12')).toBe('****');
    expect(maskPhone('')).toBe('****');
  });
});
