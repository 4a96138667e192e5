import { expect, test } from '@playwright/test';
import { pageAs } from '../support/auth';

// EVIDENCE_MAX_MB is the real limit end to end: through the proxy (which
// buffers request bodies), the multipart reader and storage. The e2e server
// runs with the default of 25 MB.
const LIMIT = 25 * 1024 * 1024;
const pdfOf = (size: number) => Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(size - 9, 0x20)]);

test.describe('evidence upload size limit', () => {
  test('a file of exactly EVIDENCE_MAX_MB is stored whole; one byte more is refused with 413 and stores nothing', async ({ browser }) => {
    test.setTimeout(120_000);
    const { context } = await pageAs(browser, 'COMPLIANCE_OFFICER');

    const atLimit = await context.request.post('/api/v1/evidence', {
      multipart: { title: 'Upload at the limit', file: { name: 'at-limit.pdf', mimeType: 'application/pdf', buffer: pdfOf(LIMIT) } },
      timeout: 90_000,
    });
    expect(atLimit.status()).toBe(201);
    const created = await atLimit.json();
    expect(created.size).toBe(LIMIT);
    const download = await context.request.get(`/api/v1/evidence/${created.id}/download`, { timeout: 90_000 });
    expect(download.status()).toBe(200);
    expect((await download.body()).length).toBe(LIMIT);

    const over = await context.request.post('/api/v1/evidence', {
      multipart: { title: 'Upload one byte over', file: { name: 'over.pdf', mimeType: 'application/pdf', buffer: pdfOf(LIMIT + 1) } },
      timeout: 90_000,
    });
    expect(over.status()).toBe(413);
    expect((await over.json()).error.message).toBe('Evidence files are limited to 25 MB.');
    const list = await context.request.get('/api/v1/evidence?q=Upload%20one%20byte%20over');
    expect(list.status()).toBe(200);
    expect(JSON.stringify(await list.json())).not.toContain('Upload one byte over');
  });
});
