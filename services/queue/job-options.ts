// Moved to services/core/job-options.ts (pure decisions that services/ and workers/ share); re-exported for existing importers.
export * from '../core/job-options.ts';
