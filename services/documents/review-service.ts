import type { ObligationFilters, ReviewPatch, ReviewView } from '../../schemas/api.ts';
import { AppError } from '../core/errors.ts';
import type { ObligationSearch, ObligationSearchRow } from '../storage/obligation-search.ts';
import type { HistoryRecord, ReviewActor, ReviewRepository, ReviewValues } from '../storage/review-repository.ts';
import { expandLanguageFilter } from './language-filter.ts';

/** Row -> the review part of the API shape. */
export function toReviewView(o: ObligationSearchRow): ReviewView {
  return {
    status: o.reviewStatus, note: o.reviewNote, owner: o.reviewOwner, due: o.reviewDue,
    corrected: {
      subject: o.correctedSubject, action: o.correctedAction, modality: o.correctedModality,
      deadlineText: o.correctedDeadlineText, deadlineIso: o.correctedDeadlineIso,
    },
    reviewedAt: o.reviewedAt ? o.reviewedAt.toISOString() : null,
  };
}

/** API patch -> column values. A correction without an explicit status marks the row `edited`. */
export function reviewValues(patch: ReviewPatch): ReviewValues {
  const corrects = [patch.subject, patch.action, patch.modality, patch.deadlineText, patch.deadlineIso].some((v) => v !== undefined && v !== null);
  return {
    reviewStatus: patch.status ?? (corrects ? 'edited' : undefined),
    reviewNote: patch.note === '' ? null : patch.note,
    reviewOwner: patch.owner,
    reviewDue: patch.due,
    correctedSubject: patch.subject,
    correctedAction: patch.action,
    correctedModality: patch.modality,
    correctedDeadlineText: patch.deadlineText,
    correctedDeadlineIso: patch.deadlineIso,
  };
}

/** Filters as the API takes them -> the repository's, with the language code expanded. */
export function searchFilters<F extends Partial<ObligationFilters>>(filters: F): F & { languages?: string[] } {
  return filters.language ? { ...filters, languages: expandLanguageFilter(filters.language) } : filters;
}

/** The review use cases: one obligation, many (by ids or by filter), and the history. */
export class ReviewService {
  constructor(private readonly deps: { reviews: ReviewRepository; search: ObligationSearch }) {}

  async reviewOne(tenantId: string, id: string, patch: ReviewPatch, actor: ReviewActor): Promise<ObligationSearchRow> {
    const { matched } = await this.deps.reviews.apply(tenantId, { ids: [id] }, reviewValues(patch), actor, 'review');
    const row = matched ? await this.deps.search.one(tenantId, id) : undefined;
    if (!row) throw new AppError('not_found', `No obligation ${id}`, { field: 'params.id' });
    return row;
  }

  async reviewMany(
    tenantId: string, target: { ids?: string[]; filter?: Omit<ObligationFilters, 'sort'> }, patch: ReviewPatch, actor: ReviewActor,
  ): Promise<{ matched: number; changed: number }> {
    const values = reviewValues(patch);
    if (target.ids) return this.deps.reviews.apply(tenantId, { ids: target.ids }, values, actor, 'bulk');
    return this.deps.reviews.apply(tenantId, { filter: searchFilters(target.filter ?? {}) }, values, actor, 'bulk');
  }

  async history(tenantId: string, id: string): Promise<HistoryRecord[]> {
    const rows = await this.deps.reviews.history(tenantId, id);
    if (!rows) throw new AppError('not_found', `No obligation ${id}`, { field: 'params.id' });
    return rows;
  }
}
