import type { Queue } from 'bullmq';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

const QUEUE_STATES = ['waiting', 'prioritized', 'active', 'delayed', 'failed', 'completed'] as const;

/**
 * The process's Prometheus metrics (prom-client): HTTP latency, queue depth per queue and state
 * (read from Redis at scrape time), job durations by stage, OCRed pages, LLM tokens and
 * throughput, and failures by error-catalogue code. One registry per process, so a test server or
 * a second stack in one process never double-registers.
 */
export class Metrics {
  readonly registry = new Registry();
  readonly httpDuration: Histogram<'method' | 'route' | 'status'>;
  readonly jobDuration: Histogram<'stage' | 'outcome'>;
  readonly jobFailures: Counter<'stage' | 'reason'>;
  readonly pagesOcr: Counter;
  readonly llmTokens: Counter<'kind' | 'engine'>;
  readonly llmTokensPerSecond: Histogram<'engine'>;
  readonly queueDepth: Gauge<'queue' | 'state'>;
  readonly redisUp: Gauge;
  private queues: Queue[] = [];
  private scrapeTimeoutMs = 1000;

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'obligato_' });
    const registers = [this.registry];
    this.httpDuration = new Histogram({
      name: 'obligato_http_request_duration_seconds', help: 'HTTP request latency by route pattern and status',
      labelNames: ['method', 'route', 'status'], registers,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    });
    this.jobDuration = new Histogram({
      name: 'obligato_job_duration_seconds', help: 'Job run time by stage (ingest, extract) and outcome',
      labelNames: ['stage', 'outcome'], registers, buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 900],
    });
    this.jobFailures = new Counter({
      name: 'obligato_job_failures_total', help: 'Failed job attempts by stage and reason (error-catalogue code; `retrying` while attempts remain)',
      labelNames: ['stage', 'reason'], registers,
    });
    this.pagesOcr = new Counter({ name: 'obligato_pages_ocr_total', help: 'Pages read by OCR in finished ingest jobs', registers });
    this.llmTokens = new Counter({
      name: 'obligato_llm_tokens_total', help: 'Tokens of finished extraction runs by kind (prompt, completion)',
      labelNames: ['kind', 'engine'], registers,
    });
    this.llmTokensPerSecond = new Histogram({
      name: 'obligato_llm_completion_tokens_per_second', help: 'Completion tokens per second of extraction run time, per finished run',
      labelNames: ['engine'], registers, buckets: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000],
    });
    this.redisUp = new Gauge({ name: 'obligato_redis_up', help: '1 when the queue depth could be read from Redis at this scrape', registers });
    this.queueDepth = new Gauge({
      name: 'obligato_queue_jobs', help: 'Jobs per queue and state, read from Redis at scrape time',
      labelNames: ['queue', 'state'], registers,
      collect: () => this.collectQueueDepth(this.queueDepth),
    });
  }

  /** Queues whose depth is read at each scrape (the API's producer queues). */
  watchQueues(queues: Queue[], scrapeTimeoutMs = 1000): void {
    this.queues = queues;
    this.scrapeTimeoutMs = scrapeTimeoutMs;
  }

  private async collectQueueDepth(gauge: Gauge<'queue' | 'state'>): Promise<void> {
    gauge.reset();
    if (!this.queues.length) return;
    try {
      const all = await Promise.race([
        Promise.all(this.queues.map(async (q) => ({ name: q.name, counts: await q.getJobCounts(...QUEUE_STATES) }))),
        new Promise<never>((_, reject) => setTimeout(() => reject(new Error('queue depth timed out')), this.scrapeTimeoutMs).unref()),
      ]);
      for (const { name, counts } of all) {
        for (const state of QUEUE_STATES) gauge.set({ queue: name, state }, counts[state] ?? 0);
      }
      this.redisUp.set(1);
    } catch {
      // Redis down: the scrape still answers (with redis_up 0) rather than hanging.
      this.redisUp.set(0);
    }
  }

  /** Observes a finished HTTP request (route pattern, not the raw URL, keeps the label set small). */
  observeHttp(method: string, route: string, status: number, seconds: number): void {
    this.httpDuration.observe({ method, route, status: String(status) }, seconds);
  }
}
