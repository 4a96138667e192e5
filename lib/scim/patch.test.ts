import { describe, expect, it } from 'vitest';
import { applyPatch, type AttrTable } from './patch';

const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
const TABLE: AttrTable = [
  { name: 'userName' },
  { name: 'active' },
  { name: 'displayName' },
  { name: 'name', subs: ['givenName', 'familyName', 'formatted'] },
  { name: 'emails', multi: true, subs: ['value', 'type', 'primary'] },
  { name: 'groups', multi: true, subs: ['value'], readOnly: true },
];
const ops = (...Operations: unknown[]) => ({ schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations });
const base = () => ({ userName: 'a@x.example', active: true, name: { givenName: 'A', familyName: 'B' }, emails: [{ value: 'a@x.example', type: 'work', primary: true }] });

describe('SCIM PATCH (RFC 7644 §3.5.2)', () => {
  it('takes ops and attribute names in any case, and dotted keys in a path-less value (Entra)', () => {
    const { doc } = applyPatch(base(), ops({ op: 'REPLACE', value: { 'name.familyName': 'C', DisplayName: 'A C', ACTIVE: false } }), TABLE, USER);
    expect(doc).toMatchObject({ name: { givenName: 'A', familyName: 'C' }, displayName: 'A C', active: false });
  });

  it('adds to a filtered multi-valued attribute, creating the element when none matches', () => {
    const added = applyPatch(base(), ops({ op: 'add', path: 'emails[type eq "home"].value', value: 'a@home.example' }), TABLE, USER).doc;
    expect(added.emails).toEqual([{ value: 'a@x.example', type: 'work', primary: true }, { type: 'home', value: 'a@home.example' }]);
    const replaced = applyPatch(added, ops({ op: 'replace', path: 'emails[type eq "WORK"].value', value: 'b@x.example' }), TABLE, USER).doc;
    expect((replaced.emails as { value: string }[])[0].value).toBe('b@x.example');
    const removed = applyPatch(replaced, ops({ op: 'remove', path: 'emails[type eq "home"]' }), TABLE, USER).doc;
    expect(removed.emails).toEqual([{ value: 'b@x.example', type: 'work', primary: true }]);
  });

  it('strips the core schema URN from a path and ignores attributes of schemas the portal does not keep', () => {
    const { doc, ignored } = applyPatch(
      base(),
      ops({ op: 'replace', path: `${USER}:displayName`, value: 'Z' }, { op: 'add', path: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department', value: 'R' }, { op: 'add', path: 'title', value: 'T' }),
      TABLE,
      USER,
    );
    expect(doc.displayName).toBe('Z');
    expect(doc).not.toHaveProperty('title');
    expect(ignored).toEqual(['urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department', 'title']);
  });

  it('refuses what it cannot do with the RFC’s scimType, and leaves the input untouched', () => {
    const doc = base();
    const refused = (body: unknown) => {
      try {
        applyPatch(doc, body, TABLE, USER);
        return null;
      } catch (e) {
        return (e as { scimType?: string }).scimType;
      }
    };
    expect(refused({ Operations: [] })).toBe('invalidSyntax');
    expect(refused(ops({ op: 'copy', path: 'active', value: true }))).toBe('invalidSyntax');
    expect(refused(ops({ op: 'remove' }))).toBe('noTarget');
    expect(refused(ops({ op: 'replace', path: 'emails[type eq "home"]', value: { value: 'x' } }))).toBe('noTarget');
    expect(refused(ops({ op: 'replace', path: 'displayName[type eq "x"]', value: 'x' }))).toBe('invalidPath');
    expect(refused(ops({ op: 'replace', path: 'emails[value co "x"]', value: 'x' }))).toBe('invalidPath');
    expect(refused(ops({ op: 'add', path: 'groups', value: [{ value: 'g' }] }))).toBe('mutability');
    expect(doc).toEqual(base());
  });
});
