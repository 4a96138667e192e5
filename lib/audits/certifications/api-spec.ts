import { z } from 'zod';
import { defineApi } from '@/lib/api/spec';
import { anyObject } from '../schema';
import { certificationInputSchema } from './schema';

export const certificationsApi = {
  list: defineApi({ method: 'GET', path: '/api/v1/certifications', tag: 'Certifications', summary: 'Certifications with expiry flags (expiring within 90 days)', permission: 'audits:read', response: z.array(anyObject) }),
  create: defineApi({ method: 'POST', path: '/api/v1/certifications', tag: 'Certifications', summary: 'Record a certification', permission: 'audits:manage', body: certificationInputSchema, response: anyObject, successStatus: 201 }),
};
