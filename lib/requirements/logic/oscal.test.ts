import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { jsonDepth, OscalError, parseOscalUpload, statementText, type OscalControl } from './oscal';

const fixture = (name: string) => readFileSync(path.join(import.meta.dirname, '..', 'fixtures', name), 'utf8');
const CATALOG = { fileName: 'NIST_SP-800-53_rev5_catalog.json', text: fixture('sp800-53-rev5-low-excerpt_catalog.json') };
const PROFILE = { fileName: 'NIST_SP-800-53_rev5_LOW-baseline_profile.json', text: fixture('sp800-53-rev5-low-excerpt_profile.json') };
const byRef = (controls: OscalControl[], ref: string) => controls.find((c) => c.ref === ref)!;

// The expected text is NIST SP 800-53 Rev. 5 as NIST prints it (the PDF and
// the CSRC control pages): parameters as "[Assignment: organization-defined …]",
// item labels kept, sub-items one level in.
const AC_2 = [
  'a. Define and document the types of accounts allowed and specifically prohibited for use within the system;',
  'b. Assign account managers;',
  'c. Require [Assignment: organization-defined prerequisites and criteria] for group and role membership;',
  'd. Specify:',
  '  1. Authorized users of the system;',
  '  2. Group and role membership; and',
  '  3. Access authorizations (i.e., privileges) and [Assignment: organization-defined attributes (as required)] for each account;',
  'e. Require approvals by [Assignment: organization-defined personnel or roles] for requests to create accounts;',
  'f. Create, enable, modify, disable, and remove accounts in accordance with [Assignment: organization-defined policy, procedures, prerequisites, and criteria];',
  'g. Monitor the use of accounts;',
  'h. Notify account managers and [Assignment: organization-defined personnel or roles] within:',
  '  1. [Assignment: organization-defined time period] when accounts are no longer required;',
  '  2. [Assignment: organization-defined time period] when users are terminated or transferred; and',
  '  3. [Assignment: organization-defined time period] when system usage or need-to-know changes for an individual;',
  'i. Authorize access to the system based on:',
  '  1. A valid access authorization;',
  '  2. Intended system usage; and',
  '  3. [Assignment: organization-defined attributes (as required)];',
  'j. Review accounts for compliance with account management requirements [Assignment: organization-defined frequency];',
  'k. Establish and implement a process for changing shared or group account authenticators (if deployed) when individuals are removed from the group; and',
  'l. Align account management processes with personnel termination and transfer processes.',
].join('\n');

const AU_11 =
  'Retain audit records for [Assignment: organization-defined time period consistent with records retention policy] to provide support for after-the-fact investigations of incidents and to meet regulatory and organizational information retention requirements.';

const CA_2 = [
  'a. Select the appropriate assessor or assessment team for the type of assessment to be conducted;',
  'b. Develop a control assessment plan that describes the scope of the assessment including:',
  '  1. Controls and control enhancements under assessment;',
  '  2. Assessment procedures to be used to determine control effectiveness; and',
  '  3. Assessment environment, assessment team, and assessment roles and responsibilities;',
  'c. Ensure the control assessment plan is reviewed and approved by the authorizing official or designated representative prior to conducting the assessment;',
  'd. Assess the controls in the system and its environment of operation [Assignment: organization-defined frequency] to determine the extent to which the controls are implemented correctly, operating as intended, and producing the desired outcome with respect to meeting established security and privacy requirements;',
  'e. Produce a control assessment report that document the results of the assessment; and',
  'f. Provide the results of the control assessment to [Assignment: organization-defined individuals or roles].',
].join('\n');

describe('OSCAL catalog import keeps NIST SP 800-53 text', () => {
  const parsed = parseOscalUpload([CATALOG]);

  it('takes title, version and jurisdiction from the metadata (NIST: Gaithersburg, MD 20899 → US)', () => {
    expect(parsed).toMatchObject({ kind: 'catalog', title: 'NIST Special Publication 800-53 Revision 5.1.1 LOW IMPACT BASELINE', version: '5.1.1+u4', jurisdiction: 'US', publisher: 'Joint Task Force, Transformation Initiative' });
    expect(parsed.sourceRef).toContain('version 5.1.1+u4');
    expect(parsed.problems).toEqual([]);
  });

  it('AC-2: parameters as NIST renders them, labels a.–l. and nested 1.–3., nothing cut', () => {
    const ac2 = byRef(parsed.controls, 'AC-2');
    expect(ac2.title).toBe('Account Management');
    expect(ac2.summary).toBe(AC_2);
    expect(ac2.summary.length).toBeGreaterThan(1000);
    expect(ac2.statement!.items.map((i) => i.label)).toEqual(['a.', 'b.', 'c.', 'd.', 'e.', 'f.', 'g.', 'h.', 'i.', 'j.', 'k.', 'l.']);
    expect(ac2.statement!.items[3]).toEqual({
      label: 'd.',
      text: 'Specify:',
      items: [
        { label: '1.', text: 'Authorized users of the system;', items: [] },
        { label: '2.', text: 'Group and role membership; and', items: [] },
        { label: '3.', text: 'Access authorizations (i.e., privileges) and [Assignment: organization-defined attributes (as required)] for each account;', items: [] },
      ],
    });
  });

  it('AU-11: the alt-label NIST prints ("time period consistent with records retention policy")', () => {
    expect(byRef(parsed.controls, 'AU-11').summary).toBe(AU_11);
    expect(byRef(parsed.controls, 'AU-11').statement).toEqual({ label: null, text: AU_11, items: [] });
  });

  it('CA-2: text as printed, and its area is its group’s (Assessment, Authorization, and Monitoring), not Privacy', () => {
    const ca2 = byRef(parsed.controls, 'CA-2');
    expect(ca2.summary).toBe(CA_2);
    expect(ca2.group).toBe('Assessment, Authorization, and Monitoring');
    expect(ca2.area).toBe('MONITORING');
    expect(byRef(parsed.controls, 'AU-11').area).toBe('MONITORING');
    expect(byRef(parsed.controls, 'AC-2').area).toBe('SECURE_DEPLOYMENT');
    expect(byRef(parsed.controls, 'SC-13').area).toBe('DATA_SECURITY');
    expect(byRef(parsed.controls, 'AT-2').area).toBe('GOVERNANCE');
  });

  it('selections: "[Selection (one or more): …]" with the catalog’s choices, nested assignments inside, and (a)/(b) items', () => {
    const ac1 = byRef(parsed.controls, 'AC-1').summary.split('\n');
    expect(ac1.slice(0, 5)).toEqual([
      'a. Develop, document, and disseminate to [Assignment: organization-defined personnel or roles]:',
      '  1. [Selection (one or more): organization-level; mission/business process-level; system-level] access control policy that:',
      '    (a) Addresses purpose, scope, roles, responsibilities, management commitment, coordination among organizational entities, and compliance; and',
      '    (b) Is consistent with applicable laws, executive orders, directives, regulations, policies, standards, and guidelines; and',
      '  2. Procedures to facilitate the implementation of the access control policy and the associated access controls;',
    ]);
    expect(byRef(parsed.controls, 'AC-7').summary).toContain(
      'b. Automatically [Selection (one or more): lock the account or node for [Assignment: organization-defined time period]; lock the account or node until released by an administrator; delay next logon prompt per [Assignment: organization-defined delay algorithm]; notify system administrator; take other [Assignment: organization-defined action]] when the maximum number of unsuccessful attempts is exceeded.',
    );
  });

  it('keeps enhancements as their own requirements (AT-2(2) under AT-2)', () => {
    expect(parsed.controls.map((c) => c.ref)).toEqual(['AC-1', 'AC-2', 'AC-7', 'AT-2', 'AT-2(2)', 'AU-11', 'CA-2', 'SC-13']);
    expect(byRef(parsed.controls, 'AT-2(2)').title).toBe('Insider Threat');
  });
});

describe('OSCAL profile import (a baseline that points at a catalog in the same upload)', () => {
  it('selects with-ids and with-child-controls, applies set-parameters, names the profile as the framework', () => {
    const parsed = parseOscalUpload([PROFILE, CATALOG]);
    expect(parsed).toMatchObject({ kind: 'profile', title: 'NIST Special Publication 800-53 Revision 5.1.1 LOW IMPACT BASELINE (excerpt)', version: '5.1.1+u4', jurisdiction: 'US' });
    expect(parsed.controls.map((c) => c.ref)).toEqual(['AC-1', 'AC-2', 'AT-2', 'AT-2(2)', 'AU-11', 'CA-2']);
    expect(byRef(parsed.controls, 'AU-11').summary).toBe(AU_11.replace('[Assignment: organization-defined time period consistent with records retention policy]', 'one year'));
    expect(byRef(parsed.controls, 'CA-2').summary).toBe(CA_2.replace('[Assignment: organization-defined frequency]', 'at least annually'));
    expect(byRef(parsed.controls, 'AC-2').summary).toBe(AC_2);
    expect(parsed.sourceRef).toMatch(/resolved against .*NIST_SP-800-53_rev5_catalog\.json/);
    expect(parsed.problems).toEqual([]);
  });

  it('finds the catalog by the profile’s back-matter link whatever the order of the files', () => {
    expect(parseOscalUpload([CATALOG, PROFILE]).controls).toHaveLength(6);
  });

  it('refuses a profile without its catalog, and names controls the catalog lacks', () => {
    expect(() => parseOscalUpload([PROFILE])).toThrow(/imports "#84cbf061.*upload that catalog in the same import/);
    const p = JSON.parse(PROFILE.text);
    p.profile.imports[0]['include-controls'][0]['with-ids'].push('ac-99');
    expect(parseOscalUpload([{ ...PROFILE, text: JSON.stringify(p) }, CATALOG]).problems).toEqual(['The profile selects "ac-99", which is not in NIST_SP-800-53_rev5_catalog.json']);
  });

  it('says which profile alterations it does not apply', () => {
    const p = JSON.parse(PROFILE.text);
    p.profile.modify.alters = [{ 'control-id': 'ac-2', adds: [{ position: 'ending', parts: [] }] }];
    expect(parseOscalUpload([{ ...PROFILE, text: JSON.stringify(p) }, CATALOG]).notes[0]).toMatch(/1 alteration .* not applied/);
  });
});

describe('OSCAL limits', () => {
  it('refuses a file nested 20,000 levels deep with a clear message, without a stack overflow', () => {
    const deep = `{"catalog":{"metadata":{"title":"x"},"groups":[${'['.repeat(20_000)}${']'.repeat(20_000)}]}}`;
    expect(jsonDepth(deep)).toBe(20_003);
    expect(() => parseOscalUpload([{ fileName: 'deep.json', text: deep }])).toThrow(OscalError);
    expect(() => parseOscalUpload([{ fileName: 'deep.json', text: deep }])).toThrow('deep.json is nested 20,003 levels deep; an OSCAL file may nest at most 64 levels');
  });

  it('counts brackets inside strings as text', () => {
    expect(jsonDepth('{"a":"[[[{{{\\"[["}')).toBe(1);
  });

  it('renders text with the plain writer as one line per item', () => {
    expect(statementText({ label: null, text: 'Do:', items: [{ label: 'a.', text: 'this;', items: [{ label: '1.', text: 'and that.', items: [] }] }] })).toBe('Do:\n  a. this;\n    1. and that.');
  });
});
