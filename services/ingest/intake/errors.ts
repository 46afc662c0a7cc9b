/**
 * Errors that mean "this document cannot be processed as given". The job layer fails the
 * document with the message and does not retry; anything that is not a DocumentInputError is
 * treated as an infrastructure problem and retried. Messages are shown to users, so they say
 * what is wrong with the file, not where in our code it broke.
 */
export class DocumentInputError extends Error {
  /** Stable machine-readable reason, for API responses and metrics. */
  readonly code: string;

  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
  }
}

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
