import { describe, expect, it } from 'vitest';
import { fragmentOf, resolveUri, withoutFragment } from './uri.js';

describe('resolveUri', () => {
  // RFC 3986 §5.4: the normal and abnormal examples against one base.
  const base = 'http://a/b/c/d;p?q';
  const examples: [string, string][] = [
    ['g:h', 'g:h'],
    ['g', 'http://a/b/c/g'],
    ['./g', 'http://a/b/c/g'],
    ['g/', 'http://a/b/c/g/'],
    ['/g', 'http://a/g'],
    ['//g', 'http://g'],
    ['?y', 'http://a/b/c/d;p?y'],
    ['g?y', 'http://a/b/c/g?y'],
    ['#s', 'http://a/b/c/d;p?q#s'],
    ['g#s', 'http://a/b/c/g#s'],
    ['g?y#s', 'http://a/b/c/g?y#s'],
    [';x', 'http://a/b/c/;x'],
    ['g;x', 'http://a/b/c/g;x'],
    ['g;x?y#s', 'http://a/b/c/g;x?y#s'],
    ['', 'http://a/b/c/d;p?q'],
    ['.', 'http://a/b/c/'],
    ['./', 'http://a/b/c/'],
    ['..', 'http://a/b/'],
    ['../', 'http://a/b/'],
    ['../g', 'http://a/b/g'],
    ['../..', 'http://a/'],
    ['../../', 'http://a/'],
    ['../../g', 'http://a/g'],
    ['../../../g', 'http://a/g'],
    ['../../../../g', 'http://a/g'],
    ['/./g', 'http://a/g'],
    ['/../g', 'http://a/g'],
    ['g.', 'http://a/b/c/g.'],
    ['.g', 'http://a/b/c/.g'],
    ['g..', 'http://a/b/c/g..'],
    ['..g', 'http://a/b/c/..g'],
    ['./../g', 'http://a/b/g'],
    ['./g/.', 'http://a/b/c/g/'],
    ['g/./h', 'http://a/b/c/g/h'],
    ['g/../h', 'http://a/b/c/h'],
    ['g;x=1/./y', 'http://a/b/c/g;x=1/y'],
    ['g;x=1/../y', 'http://a/b/c/y'],
    ['g?y/./x', 'http://a/b/c/g?y/./x'],
    ['g#s/../x', 'http://a/b/c/g#s/../x'],
  ];
  for (const [reference, expected] of examples) {
    it(`"${reference}" → ${expected}`, () => {
      expect(resolveUri(base, reference)).toBe(expected);
    });
  }

  it('resolves against an empty base (a schema without $id)', () => {
    expect(resolveUri('', '#/$defs/a')).toBe('#/$defs/a');
    expect(resolveUri('', 'other.json')).toBe('other.json');
  });

  it('resolves fragments against URNs', () => {
    const urn = 'urn:uuid:deadbeef-1234-ffff-ffff-4321feebdaed';
    expect(resolveUri(urn, '#/$defs/bar')).toBe(`${urn}#/$defs/bar`);
  });

  it('lowercases the scheme and the authority', () => {
    expect(resolveUri('', 'HTTP://Example.COM/A')).toBe('http://example.com/A');
  });
});

describe('fragments', () => {
  it('splits and percent-decodes', () => {
    expect(withoutFragment('http://x/y#/a')).toBe('http://x/y');
    expect(fragmentOf('http://x/y#/a%25b')).toBe('/a%b');
    expect(fragmentOf('http://x/y')).toBe('');
    expect(fragmentOf('#%E0%A4%A')).toBe('%E0%A4%A');
  });
});
