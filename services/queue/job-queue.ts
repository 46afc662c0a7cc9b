// The queue port lives in services/core (both services/ and workers/ import it); re-exported for the adapters here.
export * from '../core/jobs.ts';
