import os from 'node:os';
import Tesseract from 'tesseract.js';
import { defaultTessdataDir, Tessdata } from './tessdata.ts';
import { OcrModelMissingError, OcrTimeoutError } from './ocr-errors.ts';
import { prepareOcrInput } from './ocr-input.ts';
import { dropMarkLines } from './mark-lines.ts';

/**
 * A long-lived pool of tesseract.js workers (each its own worker thread running the WASM core),
 * sized to the cores and shared by every page of every document. Written instead of
 * tesseract.js's Scheduler because a stuck job must be stoppable: on a timeout the pool
 * terminates exactly that worker and replaces it, and the Scheduler does not say which worker
 * holds a job. Workers keep the model they last loaded, so pages of one script reuse it.
 */

export interface OcrPoolOptions {
  /** Parallel recognitions; default: available cores. */
  size?: number;
  tessdataDir?: string;
  /** Creating a worker (WASM core + model) beyond this fails instead of hanging. */
  createTimeoutMs?: number;
  /** One recognition beyond this is stopped (the worker is terminated and replaced). */
  jobTimeoutMs?: number;
}

export interface OcrResult {
  text: string;
  /** tesseract's mean word confidence, 0-100. */
  confidence: number;
  model: string;
  /** Read as one text line (see ocr-input.ts) rather than with automatic page segmentation. */
  singleLine: boolean;
}

export interface Orientation {
  /** Clockwise rotation that makes the page upright (0, 90, 180, 270). */
  rotate: number;
  orientationConfidence: number;
  script: string | null;
  scriptConfidence: number;
}

interface Slot {
  worker: Tesseract.Worker | null;
  model: string | null;
  busy: boolean;
}

interface Waiter {
  model: string;
  resolve: (slot: Slot) => void;
}

/**
 * The tesseract API defaults to one uniform block of text (PSM 6); the CLI uses automatic page
 * segmentation (PSM 3). On multi-column pages PSM 6 reads across the columns: measured on the
 * tesseract-test magazine pages, CER 77% vs 9% with PSM 3. Set on every (re)initialised worker.
 */
const PAGE_PARAMETERS: Partial<Tesseract.WorkerParams> = { tessedit_pageseg_mode: Tesseract.PSM.AUTO };
/** For one recognition, then back to PAGE_PARAMETERS: under PSM 3, 4 of the 30 Arabic corpus lines came back empty. */
const LINE_PARAMETERS: Partial<Tesseract.WorkerParams> = { tessedit_pageseg_mode: Tesseract.PSM.SINGLE_LINE };
/** For a page automatic segmentation found empty although it has ink (see recognize). */
const BLOCK_PARAMETERS: Partial<Tesseract.WorkerParams> = { tessedit_pageseg_mode: Tesseract.PSM.SINGLE_BLOCK };

const DEFAULT_CREATE_TIMEOUT_MS = 30_000;
const DEFAULT_JOB_TIMEOUT_MS = 120_000;

export class OcrPool {
  readonly tessdata: Tessdata;
  readonly size: number;
  private readonly createTimeoutMs: number;
  private readonly jobTimeoutMs: number;
  private readonly slots: Slot[];
  private readonly waiting: Waiter[] = [];
  private osd: Promise<Tesseract.Worker> | null = null;
  private osdChain: Promise<unknown> = Promise.resolve();
  private disposed = false;

  constructor(opts: OcrPoolOptions = {}) {
    this.tessdata = new Tessdata(opts.tessdataDir ?? defaultTessdataDir());
    this.size = Math.max(1, opts.size ?? os.availableParallelism());
    this.createTimeoutMs = opts.createTimeoutMs ?? DEFAULT_CREATE_TIMEOUT_MS;
    this.jobTimeoutMs = opts.jobTimeoutMs ?? DEFAULT_JOB_TIMEOUT_MS;
    this.slots = Array.from({ length: this.size }, () => ({ worker: null, model: null, busy: false }));
  }

  /** True when at least one recognition model is installed: without one, OCR cannot run. */
  get available(): boolean {
    return this.tessdata.models.size > 0 && [...this.tessdata.models].some((m) => m !== 'osd');
  }

  /** Recognise an encoded image (PNG/JPEG/...) with one installed model, e.g. "Latin", "hin", "eng+deu". */
  async recognize(image: Buffer, model: string): Promise<OcrResult> {
    this.assertModels(model);
    const slot = await this.acquire(model);
    try {
      // Decoded once a worker is free, so at most `size` raw images are held at a time.
      const input = await prepareOcrInput(image);
      const worker = await this.prepare(slot, model);
      if (!input.singleLine) {
        const { data } = await this.withTimeout(worker.recognize(input.image), () => this.kill(slot), 'OCR of one page');
        if (data.text.trim() || input.isUniform()) return { text: dropMarkLines(data.text, model), confidence: data.confidence, model, singleLine: false };
        // Automatic segmentation found no text on a page with ink: on generated Myanmar pages it
        // takes the lines for pictures ("Empty page!!" from the CLI as well); one uniform block
        // reads them. Costs a second pass on such pages only.
        await worker.setParameters(BLOCK_PARAMETERS);
        try {
          const { data: block } = await this.withTimeout(worker.recognize(input.image), () => this.kill(slot), 'OCR of one page as a block');
          return { text: dropMarkLines(block.text, model), confidence: block.confidence, model, singleLine: false };
        } finally {
          if (slot.worker === worker) await worker.setParameters(PAGE_PARAMETERS).catch(() => this.kill(slot));
        }
      }
      await worker.setParameters(LINE_PARAMETERS);
      try {
        const { data } = await this.withTimeout(worker.recognize(input.image), () => this.kill(slot), 'OCR of one line');
        return { text: data.text, confidence: data.confidence, model, singleLine: true };
      } finally {
        // A worker that cannot be put back to page mode must not read the next page as one line.
        if (slot.worker === worker) await worker.setParameters(PAGE_PARAMETERS).catch(() => this.kill(slot));
      }
    } finally {
      this.release(slot);
    }
  }

  /**
   * Orientation and script by tesseract OSD. OSD only exists in the legacy engine, so it runs on
   * its own single worker with the legacy core; recognition stays LSTM-only. Null when osd is
   * not installed or the page has too little text for OSD to decide.
   */
  async detectOrientation(image: Buffer): Promise<Orientation | null> {
    if (!this.tessdata.has('osd')) return null;
    const run = this.osdChain.then(async () => {
      const worker = await this.osdWorker();
      try {
        // The encoded image, not PGM: without a resolution tag the legacy OSD warns on every page.
        const { data } = await this.withTimeout(worker.detect(image), () => this.killOsd(), 'orientation detection');
        if (data.orientation_degrees === null) return null;
        return {
          // tesseract reports how far the text is turned counter-clockwise; turning it back clockwise by
          // the same angle makes it upright (checked on the rotated phototest images).
          rotate: ((data.orientation_degrees % 360) + 360) % 360,
          orientationConfidence: data.orientation_confidence ?? 0,
          script: data.script,
          scriptConfidence: data.script_confidence ?? 0,
        };
      } catch (error) {
        // OSD throws on pages with too few characters; that is "unknown", not a failure.
        if (error instanceof OcrTimeoutError) throw error;
        return null;
      }
    });
    this.osdChain = run.catch(() => undefined);
    return run;
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    const workers = this.slots.flatMap((s) => (s.worker ? [s.worker] : []));
    for (const s of this.slots) s.worker = null;
    const osd = this.osd;
    this.osd = null;
    await Promise.allSettled([...workers.map((w) => w.terminate()), osd?.then((w) => w.terminate())]);
  }

  private assertModels(model: string): void {
    const missing = model.split('+').filter((m) => !this.tessdata.has(m));
    if (missing.length) throw new OcrModelMissingError(missing, this.tessdata.dir);
  }

  private acquire(model: string): Promise<Slot> {
    if (this.disposed) return Promise.reject(new Error('OCR pool is disposed'));
    const slot = this.pickSlot(model);
    if (slot) {
      slot.busy = true;
      return Promise.resolve(slot);
    }
    return new Promise((resolve) => this.waiting.push({ model, resolve }));
  }

  /** An idle worker already holding the model, else an empty slot, else any idle one. */
  private pickSlot(model: string): Slot | undefined {
    const idle = this.slots.filter((s) => !s.busy);
    return idle.find((s) => s.model === model) ?? idle.find((s) => !s.worker) ?? idle[0];
  }

  private release(slot: Slot): void {
    slot.busy = false;
    if (!this.waiting.length) return;
    const i = Math.max(0, this.waiting.findIndex((w) => w.model === slot.model));
    const [next] = this.waiting.splice(i, 1);
    slot.busy = true;
    next!.resolve(slot);
  }

  private async prepare(slot: Slot, model: string): Promise<Tesseract.Worker> {
    if (slot.worker && slot.model === model) return slot.worker;
    if (slot.worker) {
      const worker = slot.worker;
      await this.withTimeout(worker.reinitialize(model, Tesseract.OEM.LSTM_ONLY), () => this.kill(slot), `loading OCR model ${model}`);
      await worker.setParameters(PAGE_PARAMETERS);
      slot.model = model;
      return worker;
    }
    slot.worker = await this.create(model, Tesseract.OEM.LSTM_ONLY, false);
    await slot.worker.setParameters(PAGE_PARAMETERS);
    slot.model = model;
    return slot.worker;
  }

  private async create(model: string, oem: Tesseract.OEM, legacy: boolean): Promise<Tesseract.Worker> {
    const pending = Tesseract.createWorker(model, oem, {
      langPath: this.tessdata.langPathOf(model.split('+')[0]!),
      gzip: false,
      // 'none': never read or write a traineddata cache (the default writes into cwd).
      cacheMethod: 'none',
      legacyCore: legacy,
      legacyLang: legacy,
      errorHandler: () => undefined,
    });
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        // A worker that turns up after the deadline is not leaked.
        void pending.then((w) => w.terminate()).catch(() => undefined);
        reject(new Error(`creating an OCR worker for ${model} took over ${this.createTimeoutMs} ms`));
      }, this.createTimeoutMs);
    });
    try {
      return await Promise.race([pending, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  private osdWorker(): Promise<Tesseract.Worker> {
    this.osd ??= this.create('osd', Tesseract.OEM.TESSERACT_ONLY, true).catch((error: unknown) => {
      this.osd = null;
      throw error;
    });
    return this.osd;
  }

  private kill(slot: Slot): void {
    const worker = slot.worker;
    slot.worker = null;
    slot.model = null;
    void worker?.terminate().catch(() => undefined);
  }

  private killOsd(): void {
    const osd = this.osd;
    this.osd = null;
    void osd?.then((w) => w.terminate()).catch(() => undefined);
  }

  private async withTimeout<T>(work: Promise<T>, onTimeout: () => void, what: string): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        onTimeout();
        reject(new OcrTimeoutError(what, this.jobTimeoutMs));
      }, this.jobTimeoutMs);
    });
    try {
      return await Promise.race([work, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }
}

let shared: OcrPool | null = null;

/**
 * The process-wide pool, created on first use with `opts` (the config's; later calls get the same
 * pool whatever they pass). `disposeSharedOcrPool` ends its workers; the next call creates a new one.
 */
export function sharedOcrPool(opts?: OcrPoolOptions): OcrPool {
  shared ??= new OcrPool(opts);
  return shared;
}

export async function disposeSharedOcrPool(): Promise<void> {
  const pool = shared;
  shared = null;
  await pool?.dispose();
}
