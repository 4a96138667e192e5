import { describe, expect, it } from 'vitest';
import { checkUpload, detectFileType } from './file-type';

const opts = { maxBytes: 1024, allowed: ['application/pdf', 'image/png', 'text/plain'] };

describe('content type from the bytes', () => {
  it('recognises common evidence formats by their magic bytes', () => {
    expect(detectFileType(Buffer.from('%PDF-1.7\n')).type).toBe('application/pdf');
    expect(detectFileType(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0])).type).toBe('image/png');
    expect(detectFileType(Buffer.from('PK\u0003\u0004....word/document.xml', 'latin1')).type).toContain('wordprocessingml');
    expect(detectFileType(Buffer.from('{"a":1}')).type).toBe('application/json');
    expect(detectFileType(Buffer.from('hello, world\n')).type).toBe('text/plain');
    expect(detectFileType(Buffer.from('MZ\u0090\u0000')).type).toBe('application/x-msdownload');
    expect(detectFileType(Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1])).type).toBe('application/x-executable');
    expect(detectFileType(Buffer.from('<html><script>alert(1)</script>')).type).toBe('text/html');
  });

  it('refuses empty, oversized, disallowed and disguised files with a clear message', () => {
    expect(() => checkUpload('a.pdf', Buffer.alloc(0), opts)).toThrow('The file is empty.');
    expect(() => checkUpload('a.pdf', Buffer.concat([Buffer.from('%PDF-'), Buffer.alloc(2000)]), opts)).toThrow(/limit is 1\.0 KB/);
    expect(() => checkUpload('invoice.pdf', Buffer.from('MZ\u0090\u0000'), opts)).toThrow(/application\/x-msdownload by its content/);
    expect(() => checkUpload('page.txt', Buffer.from('<html><body>x</body></html>'), opts)).toThrow(/text\/html/);
    expect(() => checkUpload('notes.pdf', Buffer.from('plain words'), opts)).toThrow(/named \.pdf but its content is text\/plain/);
    expect(checkUpload('scan.PDF', Buffer.from('%PDF-1.4 x'), opts)).toEqual({ contentType: 'application/pdf' });
    expect(checkUpload('no-extension', Buffer.from('plain words'), opts)).toEqual({ contentType: 'text/plain' });
  });
});
