import { describe, expect, it } from 'vitest';
import { outboundUrl } from './params';

describe('outboundUrl, the one rule for URLs the portal calls out to', () => {
  const opts = { max: 60, required: 'Give the URL', invalid: 'Use an http(s) URL', credentials: 'No keys in the URL' };
  const answer = (schema: ReturnType<typeof outboundUrl>, v: string) => {
    const r = schema.safeParse(v);
    return r.success ? r.data : r.error.issues.map((i) => i.message);
  };

  it('trims, and takes http and https URLs with a host', () => {
    const url = outboundUrl(opts);
    expect(answer(url, '  https://mlflow.example.com/api  ')).toBe('https://mlflow.example.com/api');
    expect(answer(url, 'http://127.0.0.1:5000')).toBe('http://127.0.0.1:5000');
  });

  it('names each refusal with its own message', () => {
    const url = outboundUrl(opts);
    expect(answer(url, ' ')).toEqual(['Give the URL', 'Use an http(s) URL']);
    expect(answer(url, `https://${'a'.repeat(60)}.example`)).toEqual(['At most 60 characters']);
    expect(answer(url, 'ftp://files.example.com')).toEqual(['Use an http(s) URL']);
    expect(answer(url, 'not a url')).toEqual(['Use an http(s) URL']);
    expect(answer(url, 'https://user:secret@store.example.com')).toEqual(['No keys in the URL']);
    expect(answer(url, 'https://user@store.example.com')).toEqual(['No keys in the URL']);
  });

  it('refuses a path, query or fragment when the URL must be an endpoint alone', () => {
    const endpoint = outboundUrl({ ...opts, pathless: true });
    expect(answer(endpoint, 'https://s3.eu-west-1.amazonaws.com/')).toBe('https://s3.eu-west-1.amazonaws.com/');
    for (const v of ['https://s3.example.com/bucket', 'https://s3.example.com/?x=1', 'https://s3.example.com/#top']) expect(answer(endpoint, v)).toEqual(['Use an http(s) URL']);
  });
});
