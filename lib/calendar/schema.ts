import { z } from 'zod';

export const FEED_TOKEN_PREFIX = 'agc_';
export const feedIdSchema = z.object({ id: z.string().min(1).max(64) });
/** The file part of a feed URL: `agc_<token>.ics`. */
export const feedFileSchema = z.string().regex(/^agc_[A-Za-z0-9_-]{43}\.ics$/);
