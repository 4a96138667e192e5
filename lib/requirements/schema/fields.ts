import { z } from 'zod';
import { blankAsUndefined } from '@/lib/api/params';

export const id = z.string().min(1).max(64);
export const trimmed = (max: number, what: string) => z.string().trim().min(1, `Enter ${what}`).max(max, `${what} is too long (max ${max})`);
export const optionalText = (max: number) => blankAsUndefined(z.string().trim().max(max));
export const urlOrBlank = blankAsUndefined(z.url('Enter a full URL (https://…)').max(2000).refine((u) => /^https?:\/\//i.test(u), 'Use an http(s) URL'));

/** "" clears an owner on update (on create it just means none). */
export const ownerOrNull = z.preprocess((v) => (v === '' ? null : v), id.nullable().optional());
