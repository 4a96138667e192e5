import { describe, expect, it } from 'vitest';
import { mlflowClient, versionFilter } from './client';

// The filters were checked against a real MLflow 2.10.2 server (fixtures README):
// `name='O\'Brien model'` found nothing there, `name="O'Brien model"` and LIKE found the version.
describe('MLflow model-version filter', () => {
  it('single-quotes plain names, double-quotes names with a single quote, and uses LIKE when both quotes occur', () => {
    expect(versionFilter('fraud-detector')).toBe("name='fraud-detector'");
    expect(versionFilter("O'Brien model")).toBe('name="O\'Brien model"');
    expect(versionFilter('a\'b"c')).toBe("name LIKE 'a_b_c'");
  });

  it('sends the filter and keeps only the versions of exactly that name', async () => {
    const urls: string[] = [];
    const fetchImpl = (async (input: string | URL | Request) => {
      urls.push(String(input));
      const body = { model_versions: [{ name: 'a\'b"c', version: '1' }, { name: 'aXbYc', version: '7' }] };
      return new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });
    }) as typeof fetch;
    const versions = await mlflowClient({ url: 'http://mlflow.test/', token: null }, { fetchImpl }).searchModelVersions('a\'b"c');
    expect(versions.map((v) => v.version)).toEqual(['1']);
    expect(new URL(urls[0]!).searchParams.get('filter')).toBe("name LIKE 'a_b_c'");
  });
});
