/**
 * A CSV export opened in a spreadsheet shows values, never runs them: text that would read as a
 * formula is prefixed with `'`, and commas, quotes and line breaks stay inside their field.
 */
import { describe, expect, it } from 'vitest';
import { csvCell, csvLine } from './csvCell.js';

describe('csvCell', () => {
  it('given text a spreadsheet would read as a formula, then it is written with a leading quote mark', () => {
    expect(csvCell('=HYPERLINK("http://x","y")')).toBe('"\'=HYPERLINK(""http://x"",""y"")"');
    expect(csvCell('+1')).toBe("'+1");
    expect(csvCell('-1+2')).toBe("'-1+2");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\t=1')).toBe("'\t=1");
  });

  it('given numbers, plain text, commas, quotes and line breaks, then numbers stay numbers and the rest is quoted as RFC 4180 says', () => {
    expect(csvCell(-3)).toBe('-3');
    expect(csvCell(33.3)).toBe('33.3');
    expect(csvCell(null)).toBe('');
    expect(csvCell('闽侯县 Minhou County')).toBe('闽侯县 Minhou County');
    expect(csvCell('a, "b"\nc')).toBe('"a, ""b""\nc"');
    expect(csvLine(['350121', 2, 4, 50])).toBe('350121,2,4,50\r\n');
  });
});
