import type { DocumentView, ObligationView } from '../../schemas/api.ts';
import type { DocumentRow } from '../../schemas/tables.ts';
import type { ObligationWithModel } from '../storage/obligations-repository.ts';

/** Row -> API shape. Kept apart from routes so exports and the web page reuse them. */
export function toDocumentView(d: Omit<DocumentRow, 'text'>): DocumentView {
  return {
    id: d.id, filename: d.filename, mime: d.mime, sizeBytes: d.sizeBytes, sha256: d.sha256, status: d.status,
    error: d.error, errorCode: d.errorCode, language: d.language, languageConfidence: d.languageConfidence, series: d.series,
    pageCount: d.pageCount, progress: { done: d.segmentsDone, total: d.segmentsTotal }, segmentsFailed: d.segmentsFailed,
    createdAt: d.createdAt.toISOString(), updatedAt: d.updatedAt.toISOString(),
  };
}

export function toObligationView(o: ObligationWithModel): ObligationView {
  return {
    id: o.id, documentId: o.documentId, engine: o.engine, modelName: o.modelName, modality: o.modality,
    subject: o.subject, action: o.action, object: o.object, condition: o.condition, exceptions: o.exceptions,
    deadline: { text: o.deadlineText, iso: o.deadlineIso, trigger: o.deadlineTrigger }, penalty: o.penalty,
    citation: o.citation, crossReferences: o.crossReferences, quote: o.quote, start: o.quoteStart, end: o.quoteEnd,
    sentenceIds: o.sentenceIds, page: o.page, language: o.language, subjectEn: o.subjectEn, actionEn: o.actionEn,
    confidence: o.confidence, citationKey: o.citationKey, binding: o.binding,
    leadIn: o.leadInStart !== null && o.leadInEnd !== null ? { start: o.leadInStart, end: o.leadInEnd } : null,
  };
}
