import { describe, expect, it } from 'vitest';
import { contentDisposition, safeFileName, uniqueFileNames } from './file-name';

describe('file names from clients', () => {
  it('never yields a path: no dot names, separators or control characters', () => {
    expect(safeFileName('..')).toBe('file');
    expect(safeFileName('.')).toBe('file');
    expect(safeFileName('../x')).toBe('_x');
    expect(safeFileName('../../etc/passwd')).toBe('_.._etc_passwd');
    expect(safeFileName('a\\..\\b.pdf')).toBe('a_.._b.pdf');
    expect(safeFileName('re\u0000port.pdf')).toBe('re_port.pdf');
    expect(safeFileName('line\r\nbreak.txt')).toBe('line_break.txt');
    expect(safeFileName('.hidden')).toBe('hidden');
    expect(safeFileName('')).toBe('file');
    expect(safeFileName(null, 'ev_1')).toBe('ev_1');
    for (const n of ['..', '../x', 'a/b', 'x\u0000', '\u0085', 'C:\\x']) {
      const s = safeFileName(n);
      expect(s).not.toMatch(/[/\\\u0000-\u001f\u007f-\u009f]/);
      expect(['.', '..']).not.toContain(s);
    }
  });

  it('keeps readable names and caps long ones, keeping the extension', () => {
    expect(safeFileName('Zugriffsrichtlinie März.pdf')).toBe('Zugriffsrichtlinie März.pdf');
    const long = safeFileName(`${'a'.repeat(5000)}.pdf`);
    expect(long.length).toBe(120);
    expect(long.endsWith('.pdf')).toBe(true);
  });

  it('makes names unique inside an archive folder', () => {
    expect(uniqueFileNames(['a.pdf', 'a.pdf', 'A.PDF', '..', '..', 'b'])).toEqual(['a.pdf', 'a (2).pdf', 'A (3).PDF', 'file', 'file (2)', 'b']);
    const long = uniqueFileNames([`${'x'.repeat(300)}.txt`, `${'x'.repeat(300)}.txt`]);
    expect(new Set(long).size).toBe(2);
    expect(long.every((n) => n.length <= 120)).toBe(true);
  });

  it('writes Content-Disposition with an ASCII fallback and the UTF-8 name', () => {
    expect(contentDisposition('..')).toBe(`attachment; filename="download"; filename*=UTF-8''download`);
    expect(contentDisposition('März "final".pdf')).toBe(`attachment; filename="M_rz _final_.pdf"; filename*=UTF-8''M%C3%A4rz%20_final_.pdf`);
    expect(contentDisposition('a\r\nSet-Cookie: x=1')).not.toMatch(/[\r\n]/);
  });
});
