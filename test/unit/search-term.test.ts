import { identifierDigest, normalisePhone, parseSearchTerm } from '../../lib/search-term';

describe('search box terms', () => {
  it('recognises a reference number in any case and spacing', () => {
    expect(parseSearchTerm(' qx-140400-2026-000017 ')).toEqual({ kind: 'reference', value: 'QX-140400-2026-000017' });
  });

  it('recognises a valid credit code, not an 18-character ID number', () => {
    expect(parseSearchTerm('91350100m000100y43')).toEqual({ kind: 'creditCode', value: '91350100M000100Y43' });
    expect(parseSearchTerm('11010519491231002x')?.kind).toBe('idNumber');
  });

  it('digests an ID number and masks it, never keeping it readable in the masked form', () => {
    const t = parseSearchTerm('11010519491231002X');
    expect(t).toMatchObject({ kind: 'idNumber', masked: '1101**********002X', digest: identifierDigest('idNumber', '11010519491231002X') });
  });

  it('normalises phones so the same number written differently matches exactly', () => {
    expect(normalisePhone('+86 138-1234-5678')).toBe('13812345678');
    expect(normalisePhone('0086 13812345678')).toBe('13812345678');
    const a = parseSearchTerm('138 1234 5678');
    const b = parseSearchTerm('+8613812345678');
    expect(a).toMatchObject({ kind: 'phone', value: '13812345678', masked: '138****5678' });
    expect(a && 'digest' in a && b && 'digest' in b && a.digest === b.digest).toBe(true);
    expect(identifierDigest('phone', '13812345678')).not.toBe(identifierDigest('phone', '13812345679'));
  });

  it('treats anything else as a name, and nothing as no search', () => {
    expect(parseSearchTerm('  张  三 ')).toEqual({ kind: 'name', value: '张 三' });
    expect(parseSearchTerm('  \u0000 ')).toBeNull();
  });
});
