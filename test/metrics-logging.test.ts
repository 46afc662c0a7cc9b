import { Writable } from 'node:stream';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { captureStrayOutput } from '../services/observability/stray-output.ts';

/** Library output (tesseract-style multi-line noise) under `serve` becomes one JSON record per write. */
describe('stray output capture', () => {
  it('wraps raw text in JSON records and passes JSON lines through', () => {
    const records: string[] = [];
    const sink = new Writable({ write(chunk: Buffer, _enc, cb) { records.push(chunk.toString()); cb(); } });
    const log = pino({ level: 'info', base: null }, sink);
    const passed: string[] = [];
    const fake = () => ({ write: ((chunk: string) => { passed.push(String(chunk)); return true; }) as NodeJS.WriteStream['write'] });
    const streams = { stdout: fake(), stderr: fake() };
    const restore = captureStrayOutput(log, streams);
    streams.stderr.write('Warning: Invalid resolution 0 dpi. Using 70 instead.\nEstimating resolution as 231\n');
    streams.stdout.write('{"level":30,"msg":"already json"}\n');
    streams.stderr.write('\n');
    restore();
    streams.stderr.write('after restore\n');

    expect(passed).toEqual(['{"level":30,"msg":"already json"}\n', 'after restore\n']);
    expect(records).toHaveLength(1);
    const record = JSON.parse(records[0]!) as { level: number; component: string; stream: string; output: string };
    expect(records[0]!.trimEnd().includes('\n')).toBe(false);
    expect(record).toMatchObject({ level: 40, component: 'stray', stream: 'stderr' });
    expect(record.output).toBe('Warning: Invalid resolution 0 dpi. Using 70 instead.\nEstimating resolution as 231');
  });
});
