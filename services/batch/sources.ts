import fs from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';

/** One file to process, with the per-file hints a manifest may carry. */
export interface BatchItem { file: string; series?: string; language?: string }

const ManifestLine = z.object({
  path: z.string().min(1),
  series: z.string().min(1).max(200).optional(),
  language: z.string().min(2).max(16).optional(),
});

const isGlob = (s: string) => /[*?[]/.test(s);

/** `**` any depth, `*` and `?` within one path segment, `[abc]` classes. */
export function globToRegExp(pattern: string): RegExp {
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '*' && pattern[i + 1] === '*') {
      re += pattern[i + 2] === '/' ? '(?:.*/)?' : '.*';
      i += pattern[i + 2] === '/' ? 2 : 1;
    } else if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else if (c === '[') {
      const close = pattern.indexOf(']', i);
      if (close < 0) re += '\\[';
      else { re += `[${pattern.slice(i + 1, close).replace(/^!/, '^')}]`; i = close; }
    } else re += c.replace(/[.+^${}()|\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

async function expandGlob(pattern: string): Promise<string[]> {
  const normalized = pattern.split(path.sep).join('/');
  const parts = normalized.split('/');
  const firstGlob = parts.findIndex(isGlob);
  const base = parts.slice(0, firstGlob).join('/') || '.';
  const re = globToRegExp(normalized.replace(/^\.\//, ''));
  const files = await collectFiles([base]).catch(() => []);
  return files.filter((f) => re.test(f.split(path.sep).join('/').replace(/^\.\//, '')));
}

async function readManifest(file: string): Promise<BatchItem[]> {
  const dir = path.dirname(file);
  const lines = (await fs.readFile(file, 'utf8')).split('\n');
  const items: BatchItem[] = [];
  lines.forEach((line, i) => {
    if (!line.trim()) return;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch {
      throw new Error(`${file}:${i + 1}: not JSON`);
    }
    const parsed = ManifestLine.safeParse(json);
    if (!parsed.success) throw new Error(`${file}:${i + 1}: ${parsed.error.issues.map((x) => `${x.path.join('.')} ${x.message}`).join('; ')}`);
    items.push({ ...parsed.data, file: path.resolve(dir, parsed.data.path) });
  });
  return items;
}

/**
 * Directories (recursive), globs and manifest.jsonl files, in a stable order with duplicates
 * removed (first mention wins, so a manifest's hints beat a folder scan of the same file).
 */
export async function resolveSources(inputs: string[], defaults: { series?: string; language?: string } = {}): Promise<BatchItem[]> {
  const items: BatchItem[] = [];
  for (const input of inputs) {
    if (input.endsWith('.jsonl')) items.push(...await readManifest(input));
    else if (isGlob(input)) {
      const matched = await expandGlob(input);
      if (!matched.length) throw new Error(`No files match ${input}`);
      items.push(...matched.map((file) => ({ file })));
    } else items.push(...(await collectFiles([input])).map((file) => ({ file })));
  }
  const seen = new Set<string>();
  return items.filter((item) => {
    const key = path.resolve(item.file);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  }).map((item) => ({ series: defaults.series, language: defaults.language, ...stripUndefined(item) }));
}

function stripUndefined(item: BatchItem): BatchItem {
  return Object.fromEntries(Object.entries(item).filter(([, v]) => v !== undefined)) as unknown as BatchItem;
}

/** Expands files and directories (recursively, hidden entries skipped) in a stable order. */
export async function collectFiles(inputs: string[]): Promise<string[]> {
  const files: string[] = [];
  for (const input of inputs) {
    const stat = await fs.stat(input).catch(() => null);
    if (!stat) throw new Error(`No such file or directory: ${input}`);
    if (stat.isFile()) {
      files.push(input);
      continue;
    }
    const entries = await fs.readdir(input, { recursive: true, withFileTypes: true });
    for (const e of entries) {
      const full = path.join(e.parentPath, e.name);
      if (e.isFile() && !path.relative(input, full).split(path.sep).some((p) => p.startsWith('.'))) files.push(full);
    }
  }
  return [...new Set(files)].sort();
}
