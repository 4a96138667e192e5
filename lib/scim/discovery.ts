import { publicBaseUrl } from '@/lib/env';
import { ENTERPRISE_USER_SCHEMA, GROUP_SCHEMA, LIST_SCHEMA, MAX_RESULTS, USER_SCHEMA } from './protocol';

// RFC 7644 §4 discovery: what this service provider supports, said plainly.

const base = () => `${publicBaseUrl()}/scim/v2`;
const meta = (resourceType: string, path: string) => ({ resourceType, location: `${base()}${path}` });

export function serviceProviderConfig() {
  return {
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig'],
    patch: { supported: true },
    bulk: { supported: false, maxOperations: 0, maxPayloadSize: 0 },
    filter: { supported: true, maxResults: MAX_RESULTS },
    changePassword: { supported: false },
    sort: { supported: false },
    etag: { supported: true },
    authenticationSchemes: [
      { type: 'oauthbearertoken', name: 'Bearer token', description: 'A SCIM token created by an administrator on Admin → Provisioning (Authorization: Bearer scim_…).', primary: true },
    ],
    meta: meta('ServiceProviderConfig', '/ServiceProviderConfig'),
  };
}

const attr = (name: string, type: string, extra: Record<string, unknown> = {}) => ({
  name,
  type,
  multiValued: false,
  required: false,
  caseExact: false,
  mutability: 'readWrite',
  returned: 'default',
  uniqueness: 'none',
  ...extra,
});

const userSchemaDoc = () => ({
  id: USER_SCHEMA,
  name: 'User',
  description: 'A portal user. The portal keeps one e-mail address; other attributes an identity provider sends are ignored.',
  attributes: [
    attr('userName', 'string', { required: true, uniqueness: 'server' }),
    attr('externalId', 'string', { caseExact: true }),
    attr('displayName', 'string'),
    attr('name', 'complex', { subAttributes: [attr('givenName', 'string'), attr('familyName', 'string'), attr('formatted', 'string')] }),
    attr('emails', 'complex', { multiValued: true, subAttributes: [attr('value', 'string'), attr('type', 'string'), attr('primary', 'boolean')] }),
    attr('active', 'boolean'),
    attr('groups', 'complex', { multiValued: true, mutability: 'readOnly', subAttributes: [attr('value', 'string', { mutability: 'readOnly' }), attr('display', 'string', { mutability: 'readOnly' }), attr('$ref', 'reference', { mutability: 'readOnly' })] }),
  ],
  meta: meta('Schema', `/Schemas/${USER_SCHEMA}`),
});

const groupSchemaDoc = () => ({
  id: GROUP_SCHEMA,
  name: 'Group',
  description: 'A group of the identity provider. An administrator maps it to a portal role; members get the highest mapped role.',
  attributes: [
    attr('displayName', 'string', { required: true }),
    attr('externalId', 'string', { caseExact: true }),
    attr('members', 'complex', { multiValued: true, subAttributes: [attr('value', 'string', { mutability: 'immutable' }), attr('display', 'string', { mutability: 'readOnly' }), attr('$ref', 'reference', { mutability: 'immutable' })] }),
  ],
  meta: meta('Schema', `/Schemas/${GROUP_SCHEMA}`),
});

/** The schema documents; built on each call, as their locations need the configured public URL (not known at build time). */
export function schemaDocuments() {
  return [userSchemaDoc(), groupSchemaDoc()];
}

export function resourceTypes() {
  return [
    { schemas: ['urn:ietf:params:scim:schemas:core:2.0:ResourceType'], id: 'User', name: 'User', endpoint: '/Users', description: 'Portal users', schema: USER_SCHEMA, meta: meta('ResourceType', '/ResourceTypes/User') },
    { schemas: ['urn:ietf:params:scim:schemas:core:2.0:ResourceType'], id: 'Group', name: 'Group', endpoint: '/Groups', description: 'Groups mapped to portal roles', schema: GROUP_SCHEMA, meta: meta('ResourceType', '/ResourceTypes/Group') },
  ];
}

export function listOf(resources: unknown[]) {
  return { schemas: [LIST_SCHEMA], totalResults: resources.length, startIndex: 1, itemsPerPage: resources.length, Resources: resources };
}

/** The enterprise extension is accepted in requests; of it only `manager` is kept (lib/scim/users.ts), the rest ignored. Not advertised. */
export const IGNORED_EXTENSIONS = [ENTERPRISE_USER_SCHEMA];
