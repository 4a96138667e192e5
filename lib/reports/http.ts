import { contentDisposition } from '@/lib/file-name';

/** A rendered document as the download response; the content hash goes in a header too. */
export function documentResponse(file: { bytes: Buffer; contentType: string; fileName: string; hash: string }) {
  return new Response(new Uint8Array(file.bytes), {
    headers: { 'content-type': file.contentType, 'content-disposition': contentDisposition(file.fileName), 'cache-control': 'no-store', 'x-content-sha256': file.hash },
  });
}
