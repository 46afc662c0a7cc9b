import fs from 'node:fs/promises';
import type { Command } from 'commander';
import { detectLanguage } from '../../ingest/language/detect-language.ts';

interface LangidFlags {
  json?: boolean;
}

/**
 * `obligato langid [file] [--json]`: one detection per input line (stdin when no file), so it
 * composes with shell pipelines. Empty lines are skipped; JSON output is one object per line.
 */
export function registerLangidCommand(program: Command): void {
  program
    .command('langid')
    .description('identify the language of each line of a file or of stdin')
    .argument('[file]', 'text file, one text per line (default: stdin)')
    .option('--json', 'print one JSON object per line: code, bcp47, confidence, candidates, text')
    .action(async (file: string | undefined, flags: LangidFlags) => {
      const input = file ? await fs.readFile(file, 'utf8') : await readStdin();
      for (const line of input.split(/\r?\n/)) {
        if (!line.trim()) continue;
        const g = detectLanguage(line);
        process.stdout.write(
          flags.json
            ? `${JSON.stringify({ code: g.code, bcp47: g.bcp47, confidence: g.confidence, candidates: g.candidates, text: line })}\n`
            : `${g.code}\t${g.bcp47}\t${g.confidence.toFixed(2)}\t${line}\n`,
        );
      }
    });
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
