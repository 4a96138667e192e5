// One sanitiser for every file name a client gave us, wherever it becomes a
// path: an archive entry, a download's Content-Disposition. Names are kept
// readable (letters of any script, digits, spaces, dots, dashes), never a
// path: no separators, no "." or "..", no control characters, capped length.

const MAX_LENGTH = 120;
// Separators, control characters (C0, DEL, C1), and what Windows refuses in names.
const UNSAFE = /[\u0000-\u001f\u007f-\u009f/\\:*?"<>|]+/g;

/** A name that is safe as one path segment; `fallback` when nothing usable is left. */
export function safeFileName(name: string | null | undefined, fallback = 'file'): string {
  let s = (name ?? '').normalize('NFC').replace(UNSAFE, '_').replace(/\s+/g, ' ').trim();
  // Leading dots would hide the file or name the directory itself ("." and "..").
  s = s.replace(/^[.\s]+/, '').replace(/[.\s]+$/, '');
  if (!s || /^_+$/.test(s)) return fallback;
  if (s.length > MAX_LENGTH) {
    const dot = s.lastIndexOf('.');
    const ext = dot > 0 && s.length - dot <= 16 ? s.slice(dot) : '';
    s = s.slice(0, MAX_LENGTH - ext.length).trimEnd() + ext;
  }
  return s;
}

/** Makes names unique inside one archive folder: "a.pdf", "a (2).pdf", … (case-insensitively). */
export function uniqueFileNames(names: readonly string[]): string[] {
  const seen = new Set<string>();
  return names.map((raw) => {
    const name = safeFileName(raw);
    const dot = name.lastIndexOf('.');
    const [stem, ext] = dot > 0 ? [name.slice(0, dot), name.slice(dot)] : [name, ''];
    let candidate = name;
    for (let i = 2; seen.has(candidate.toLowerCase()); i++) candidate = `${stem.slice(0, MAX_LENGTH - ext.length - 6)} (${i})${ext}`;
    seen.add(candidate.toLowerCase());
    return candidate;
  });
}

/** A Content-Disposition header for a download: an ASCII fallback and the UTF-8 name (RFC 6266 / 5987). */
export function contentDisposition(name: string | null | undefined, fallback = 'download'): string {
  const safe = safeFileName(name, fallback);
  const ascii = safe.replace(/[^\x20-\x7e]/g, '_').replace(/[%;]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(safe)}`;
}
