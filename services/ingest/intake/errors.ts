import { DocumentInputError } from '../../core/errors.ts';

/**
 * Document input errors (see DocumentInputError in services/core/errors.ts): the job layer fails
 * the document with the message and the catalogued code, and does not retry; anything else is
 * treated as an infrastructure problem and retried.
 */
export { DocumentInputError };

export class EmptyFileError extends DocumentInputError {
  constructor(filename?: string) {
    super('empty_file', filename ? `File is empty: ${filename}` : 'File is empty');
  }
}

export class UnsupportedFileError extends DocumentInputError {
  constructor(message: string) {
    super('unsupported_file', message);
  }
}

export class CorruptPdfError extends DocumentInputError {
  constructor(reason: string, options?: { cause?: unknown }) {
    super('corrupt_pdf', `PDF could not be read: ${reason}`, options);
  }
}

export class EncryptedPdfError extends DocumentInputError {
  constructor(detail?: string, options?: { cause?: unknown }) {
    super(
      'encrypted_pdf',
      `PDF is encrypted and needs a password to open${detail ? ` (${detail})` : ''}; upload an unprotected copy`,
      options,
    );
  }
}

/** Over a configured limit (bytes, pages). Retrying cannot help, so it is an input error too. */
export class DocumentTooLargeError extends DocumentInputError {
  constructor(message: string) {
    super('too_large', message);
  }
}

export class CorruptImageError extends DocumentInputError {
  constructor(reason: string, options?: { cause?: unknown }) {
    super('corrupt_image', `Image could not be read: ${reason}`, options);
  }
}
