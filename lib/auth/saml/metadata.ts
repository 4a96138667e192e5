import 'server-only';
import { DOMParser } from '@xmldom/xmldom';
import { AppError } from '@/lib/errors';
import { certificatesOf } from './schema';

const MD = 'urn:oasis:names:tc:SAML:2.0:metadata';
const DS = 'http://www.w3.org/2000/09/xmldsig#';
const REDIRECT = 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect';
const POST = 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST';

const invalid = (message: string) => new AppError('VALIDATION', message, { fieldErrors: { metadataXml: [message] } });

/** An IdP's metadata: its entity ID, its single sign-on URL (redirect binding preferred) and its signing certificates. */
export function parseIdpMetadata(xml: string): { idpEntityId: string; ssoUrl: string; certificates: string[] } {
  if (/<!DOCTYPE/i.test(xml)) throw invalid('Metadata with a DOCTYPE is refused.');
  let doc: Document;
  try {
    doc = new DOMParser({ errorHandler: { warning: () => undefined } }).parseFromString(xml, 'text/xml') as unknown as Document;
  } catch {
    throw invalid('The metadata is not well-formed XML.');
  }
  const entity = doc.getElementsByTagNameNS(MD, 'EntityDescriptor')[0];
  const idp = entity?.getElementsByTagNameNS(MD, 'IDPSSODescriptor')[0];
  if (!entity || !idp) throw invalid('No IDPSSODescriptor in the metadata: paste the identity provider’s metadata, not the portal’s.');
  const services = Array.from(idp.getElementsByTagNameNS(MD, 'SingleSignOnService'));
  const sso = services.find((s) => s.getAttribute('Binding') === REDIRECT) ?? services.find((s) => s.getAttribute('Binding') === POST);
  const certificates = Array.from(idp.getElementsByTagNameNS(MD, 'KeyDescriptor'))
    .filter((k) => (k.getAttribute('use') ?? 'signing') === 'signing')
    .flatMap((k) => Array.from(k.getElementsByTagNameNS(DS, 'X509Certificate')).flatMap((c) => certificatesOf(c.textContent ?? '')));
  const idpEntityId = entity.getAttribute('entityID') ?? '';
  const ssoUrl = sso?.getAttribute('Location') ?? '';
  if (!idpEntityId) throw invalid('The metadata has no entityID.');
  if (!/^https?:\/\//.test(ssoUrl)) throw invalid('The metadata has no single sign-on service with the redirect or POST binding.');
  if (!certificates.length) throw invalid('The metadata has no signing certificate.');
  return { idpEntityId, ssoUrl, certificates };
}
