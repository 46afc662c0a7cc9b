import { existsSync } from 'node:fs';
import path from 'node:path';

/**
 * The third-party corpus is read in place, never copied: OBLIGATO_CORPUS, else ../shared/corpus
 * next to the repository. Suites skip with this message when it is absent.
 */
export const CORPUS_DIR = path.resolve(import.meta.dirname, '../..', process.env.OBLIGATO_CORPUS ?? '../shared/corpus');
export const corpusPresent = existsSync(path.join(CORPUS_DIR, 'README.md'));
export const CORPUS_SKIP_MESSAGE = `corpus not found at ${CORPUS_DIR} (set OBLIGATO_CORPUS): corpus tests skipped`;
export const corpusPath = (...parts: string[]) => path.join(CORPUS_DIR, ...parts);
