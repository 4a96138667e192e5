import type { getIncident } from '@/lib/incidents/queries';

/** The incident as the detail page loads it; each section takes the part it shows. */
export type IncidentDetail = Awaited<ReturnType<typeof getIncident>>;
