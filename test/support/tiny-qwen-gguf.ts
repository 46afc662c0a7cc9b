import { createHash } from 'node:crypto';
import { mkdir, open, rename, stat } from 'node:fs/promises';
import path from 'node:path';

/**
 * A tiny random-weight Qwen GGUF (v3) written by hand, so tests and benchmarks can run the real
 * node-llama-cpp / llama.cpp stack without downloading a model. Its output is gibberish by design.
 *
 * Architectures: `qwen3` (dense, every layer full attention), `qwen35` (Qwen3.5: hybrid, gated
 * delta-net linear attention in three of every four layers and gated full attention with
 * multi-section RoPE in the fourth, post-attention norm, dense FFN) and `qwen35moe` (the same
 * attention with routed + shared experts). Tensor names, shapes and metadata keys follow
 * llama.cpp's `src/models/qwen35.cpp` / `qwen35moe.cpp` load_arch_tensors as bundled with
 * node-llama-cpp 3.22.1 (release v0.5.0).
 */
export type TinyQwenArchitecture = 'qwen3' | 'qwen35' | 'qwen35moe';

export interface TinyQwenOptions {
  /** Defaults to qwen3. */
  architecture?: TinyQwenArchitecture;
  /** qwen35*: every n-th layer is full attention, the others linear (llama.cpp's default is 4). */
  fullAttentionInterval?: number;
  /** qwen35*: linear-attention heads (value heads = time_step_rank, key heads = group_count) and their width. */
  linearValueHeads?: number;
  linearKeyHeads?: number;
  linearHeadDim?: number;
  /** qwen35moe: routed experts, experts used per token, and the width of each. */
  experts?: number;
  expertsUsed?: number;
  expertFeedForward?: number;
  embeddingLength?: number;
  layers?: number;
  heads?: number;
  headsKv?: number;
  feedForward?: number;
  contextLength?: number;
  seed?: number;
  /** f16 halves the file of the ~25M-parameter benchmark variant. */
  tensorType?: 'f32' | 'f16' | 'q8_0' | 'q4_0';
  /** Attention head width; defaults to embeddingLength / heads (Qwen3.5 uses 256 with a narrower model). */
  headDim?: number;
  /**
   * Pads the vocabulary with unused tokens up to this size, so the embedding and output layers
   * have a real model's cost (Qwen3.5: 248,320). The tokenizer never produces them.
   */
  vocabSize?: number;
  /** Written as general.name; defaults to obligato-tiny-<architecture>. */
  name?: string;
  /**
   * Under a JSON grammar, plain random weights give a seed-dependent answer: often an empty list,
   * sometimes strings that run on to their maxLength. By default a fixed per-token prior is baked
   * in (favouring `"`, `{`, `]`, `}` and `<|im_end|>`) so the answer is one short obligation in
   * about 220 tokens, which exercises the whole extraction path quickly. Set false for plain
   * random weights, e.g. raw decode benchmarks.
   */
  jsonPrior?: boolean;
}

/** Preset for benchmarks: ~25M parameters, still byte-level vocabulary. */
export const TINY_QWEN_25M: TinyQwenOptions = {
  embeddingLength: 512, layers: 8, heads: 8, headsKv: 4, feedForward: 1536, tensorType: 'f16',
};

const ALIGNMENT = 32;
/** Part of the cache key: bump when the writer's output changes so stale cached files are not reused. */
const WRITER_VERSION = 6;
const T = { U32: 4, I32: 5, F32: 6, BOOL: 7, STRING: 8, ARRAY: 9 } as const;
type T = (typeof T)[keyof typeof T];
const TOKEN_NORMAL = 1, TOKEN_CONTROL = 3, TOKEN_USER_DEFINED = 4, TOKEN_UNUSED = 5;

/** The real Qwen3 ChatML template, so chat-wrapper resolution treats the file as a Qwen model. */
const QWEN3_CHAT_TEMPLATE = String.raw`{%- if tools %}
    {{- '<|im_start|>system\n' }}
    {%- if messages[0].role == 'system' %}
        {{- messages[0].content + '\n\n' }}
    {%- endif %}
    {{- "# Tools\n\nYou may call one or more functions to assist with the user query.\n\nYou are provided with function signatures within <tools></tools> XML tags:\n<tools>" }}
    {%- for tool in tools %}
        {{- "\n" }}
        {{- tool | tojson }}
    {%- endfor %}
    {{- "\n</tools>\n\nFor each function call, return a json object with function name and arguments within <tool_call></tool_call> XML tags:\n<tool_call>\n{\"name\": <function-name>, \"arguments\": <args-json-object>}\n</tool_call><|im_end|>\n" }}
{%- else %}
    {%- if messages[0].role == 'system' %}
        {{- '<|im_start|>system\n' + messages[0].content + '<|im_end|>\n' }}
    {%- endif %}
{%- endif %}
{%- set ns = namespace(multi_step_tool=true, last_query_index=messages|length - 1) %}
{%- for message in messages[::-1] %}
    {%- set index = (messages|length - 1) - loop.index0 %}
    {%- if ns.multi_step_tool and message.role == "user" and not(message.content.startswith('<tool_response>') and message.content.endswith('</tool_response>')) %}
        {%- set ns.multi_step_tool = false %}
        {%- set ns.last_query_index = index %}
    {%- endif %}
{%- endfor %}
{%- for message in messages %}
    {%- if (message.role == "user") or (message.role == "system" and not loop.first) %}
        {{- '<|im_start|>' + message.role + '\n' + message.content + '<|im_end|>' + '\n' }}
    {%- elif message.role == "assistant" %}
        {%- set content = message.content %}
        {%- set reasoning_content = '' %}
        {%- if message.reasoning_content is defined and message.reasoning_content is not none %}
            {%- set reasoning_content = message.reasoning_content %}
        {%- else %}
            {%- if '</think>' in message.content %}
                {%- set content = message.content.split('</think>')[-1].lstrip('\n') %}
                {%- set reasoning_content = message.content.split('</think>')[0].rstrip('\n').split('<think>')[-1].lstrip('\n') %}
            {%- endif %}
        {%- endif %}
        {%- if loop.index0 > ns.last_query_index %}
            {%- if loop.last or (not loop.last and reasoning_content) %}
                {{- '<|im_start|>' + message.role + '\n<think>\n' + reasoning_content.strip('\n') + '\n</think>\n\n' + content.lstrip('\n') }}
            {%- else %}
                {{- '<|im_start|>' + message.role + '\n' + content }}
            {%- endif %}
        {%- else %}
            {{- '<|im_start|>' + message.role + '\n' + content }}
        {%- endif %}
        {%- if message.tool_calls %}
            {%- for tool_call in message.tool_calls %}
                {%- if (loop.first and content) or (not loop.first) %}
                    {{- '\n' }}
                {%- endif %}
                {%- if tool_call.function %}
                    {%- set tool_call = tool_call.function %}
                {%- endif %}
                {{- '<tool_call>\n{"name": "' }}
                {{- tool_call.name }}
                {{- '", "arguments": ' }}
                {%- if tool_call.arguments is string %}
                    {{- tool_call.arguments }}
                {%- else %}
                    {{- tool_call.arguments | tojson }}
                {%- endif %}
                {{- '}\n</tool_call>' }}
            {%- endfor %}
        {%- endif %}
        {{- '<|im_end|>\n' }}
    {%- elif message.role == "tool" %}
        {%- if loop.first or (messages[loop.index0 - 1].role != "tool") %}
            {{- '<|im_start|>user' }}
        {%- endif %}
        {{- '\n<tool_response>\n' }}
        {{- message.content }}
        {{- '\n</tool_response>' }}
        {%- if loop.last or (messages[loop.index0 + 1].role != "tool") %}
            {{- '<|im_end|>\n' }}
        {%- endif %}
    {%- endif %}
{%- endfor %}
{%- if add_generation_prompt %}
    {{- '<|im_start|>assistant\n' }}
    {%- if enable_thinking is defined and enable_thinking is false %}
        {{- '<think>\n\n</think>\n\n' }}
    {%- endif %}
{%- endif %}`;

/** GPT-2 byte-to-unicode table: byte-level BPE tokens are spelled with these code points. */
function bytesToUnicode(): string[] {
  const keep = (b: number) => (b >= 0x21 && b <= 0x7e) || (b >= 0xa1 && b <= 0xac) || (b >= 0xae && b <= 0xff);
  const out: string[] = [];
  let extra = 0;
  for (let b = 0; b < 256; b++) out.push(String.fromCodePoint(keep(b) ? b : 256 + extra++));
  return out;
}

/** A few merges so the BPE path is exercised; ranks are list order, results join the vocab. */
const MERGES = [
  'Ġ t', 'h e', 'i n', 'Ġ a', 'r e', 'o n', 'e r', 'Ġt he', 'Ġ s', 'a t', 'e n', 'Ġ o', 'o r',
  'Ġ c', 'e s', 'Ġ p', 'a l', 'Ġ m', 'Ġ w', 'Ġ f', 'a n', 'in g', 'Ġ b', 'Ġ d', 'l l', 'al l', 'Ġs h', 'Ġsh all',
];
const SPECIALS: [string, number][] = [
  ['<|endoftext|>', TOKEN_CONTROL], ['<|im_start|>', TOKEN_CONTROL], ['<|im_end|>', TOKEN_CONTROL],
  ['<think>', TOKEN_USER_DEFINED], ['</think>', TOKEN_USER_DEFINED],
];

function buildVocab() {
  const tokens = bytesToUnicode();
  const merges: string[] = [];
  for (const m of MERGES) {
    const merged = m.replace(' ', '');
    if (!tokens.includes(merged)) tokens.push(merged);
    merges.push(m);
  }
  const types = tokens.map(() => TOKEN_NORMAL);
  for (const [text, type] of SPECIALS) { tokens.push(text); types.push(type); }
  return { tokens, types, merges, id: (t: string) => tokens.indexOf(t) };
}

/** mulberry32 + Box-Muller (both outputs used): tiny, seedable, fast enough for 25M weights. */
function normalSource(seed: number) {
  let a = seed >>> 0;
  const uniform = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return (((t ^ (t >>> 14)) >>> 0) + 0.5) / 4294967296;
  };
  let spare: number | null = null;
  return (std: number) => {
    if (spare !== null) { const v = spare; spare = null; return std * v; }
    const r = Math.sqrt(-2 * Math.log(uniform()));
    const theta = 2 * Math.PI * uniform();
    spare = r * Math.sin(theta);
    return std * r * Math.cos(theta);
  };
}

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);
/** IEEE 754 binary16, round-to-nearest; weights are small so subnormal precision is irrelevant. */
function toHalf(v: number): number {
  f32[0] = v;
  const x = u32[0]!;
  const sign = (x >>> 16) & 0x8000;
  const exp = ((x >>> 23) & 0xff) - 127 + 15;
  if (exp <= 0) return sign;
  if (exp >= 31) return sign | 0x7c00;
  // Addition, not OR: a mantissa carry from rounding must bump the exponent.
  return sign | ((exp << 10) + ((x >>> 13) & 0x3ff) + ((x >>> 12) & 1));
}

class Meta {
  parts: Buffer[] = [];
  count = 0;
  private str(s: string) {
    const b = Buffer.from(s, 'utf8');
    const len = Buffer.alloc(8); len.writeBigUInt64LE(BigInt(b.length));
    this.parts.push(len, b);
  }
  private head(key: string, type: T) {
    this.count++;
    this.str(key);
    this.u32(type);
  }
  private u32(v: number) { const b = Buffer.alloc(4); b.writeUInt32LE(v); this.parts.push(b); }
  u32kv(key: string, v: number) { this.head(key, T.U32); this.u32(v); }
  f32kv(key: string, v: number) { this.head(key, T.F32); const b = Buffer.alloc(4); b.writeFloatLE(v); this.parts.push(b); }
  boolkv(key: string, v: boolean) { this.head(key, T.BOOL); this.parts.push(Buffer.from([v ? 1 : 0])); }
  strkv(key: string, v: string) { this.head(key, T.STRING); this.str(v); }
  arrkv(key: string, elem: typeof T.STRING | typeof T.I32, values: readonly (string | number)[]) {
    this.head(key, T.ARRAY);
    this.u32(elem);
    const n = Buffer.alloc(8); n.writeBigUInt64LE(BigInt(values.length)); this.parts.push(n);
    for (const v of values) {
      if (elem === T.STRING) this.str(String(v));
      else { const b = Buffer.alloc(4); b.writeInt32LE(Number(v)); this.parts.push(b); }
    }
  }
}

interface TensorSpec { name: string; dims: number[]; fill: (i: number) => number }
const GGML_F32 = 0, GGML_F16 = 1, GGML_Q4_0 = 2, GGML_Q8_0 = 8;
const QK = 32;
/** Bytes per block of 32 values: an f16 scale plus the quants. */
const BLOCK_BYTES: Record<number, number> = { [GGML_Q8_0]: 2 + QK, [GGML_Q4_0]: 2 + QK / 2 };

/** ggml's reference quantisers (quantize_row_q8_0 / q4_0), for `count` values (a multiple of 32). */
function quantize(values: Float32Array, type: number): Buffer {
  const blocks = values.length / QK;
  const out = Buffer.alloc(blocks * BLOCK_BYTES[type]!);
  for (let b = 0; b < blocks; b++) {
    const base = b * QK;
    const at = b * BLOCK_BYTES[type]!;
    if (type === GGML_Q8_0) {
      let amax = 0;
      for (let j = 0; j < QK; j++) amax = Math.max(amax, Math.abs(values[base + j]!));
      const d = amax / 127;
      const id = d ? 1 / d : 0;
      out.writeUInt16LE(toHalf(d), at);
      for (let j = 0; j < QK; j++) out.writeInt8(Math.round(values[base + j]! * id), at + 2 + j);
    } else {
      let amax = 0;
      let max = 0;
      for (let j = 0; j < QK; j++) {
        const v = values[base + j]!;
        if (Math.abs(v) > amax) { amax = Math.abs(v); max = v; }
      }
      const d = max / -8;
      const id = d ? 1 / d : 0;
      out.writeUInt16LE(toHalf(d), at);
      for (let j = 0; j < QK / 2; j++) {
        const lo = Math.min(15, Math.floor(values[base + j]! * id + 8.5));
        const hi = Math.min(15, Math.floor(values[base + QK / 2 + j]! * id + 8.5));
        out[at + 2 + j] = lo | (hi << 4);
      }
    }
  }
  return out;
}

export async function writeTinyQwenGguf(file: string, opts: TinyQwenOptions = {}): Promise<void> {
  const hybridArch = (opts.architecture ?? 'qwen3') !== 'qwen3';
  const n = {
    // Hybrid: one full-attention block of four, as in Qwen3.5 (its KV cache needs at least one).
    embd: opts.embeddingLength ?? 64, layers: opts.layers ?? (hybridArch ? 4 : 2), heads: opts.heads ?? 4,
    headsKv: opts.headsKv ?? 2, ff: opts.feedForward ?? 128, ctx: opts.contextLength ?? 32_768,
  };
  const arch = opts.architecture ?? 'qwen3';
  const hybrid = arch !== 'qwen3';
  const headDim = opts.headDim ?? n.embd / n.heads;
  if (!Number.isInteger(headDim) || n.heads % n.headsKv !== 0) throw new Error('embeddingLength/heads/headsKv do not divide');
  const interval = opts.fullAttentionInterval ?? 4;
  if (hybrid && (!Number.isInteger(interval) || interval < 1)) throw new Error('fullAttentionInterval must be a positive integer');
  // llama.cpp marks layer i recurrent unless (i + 1) % interval == 0.
  const isLinear = (l: number) => hybrid && (l + 1) % interval !== 0;
  if (hybrid && n.layers < interval) throw new Error(`${arch} needs at least one full-attention layer: layers >= fullAttentionInterval (${interval})`);
  const lin = {
    vHeads: opts.linearValueHeads ?? Math.max(1, n.heads / 2), kHeads: opts.linearKeyHeads ?? Math.max(1, n.heads / 4),
    headDim: opts.linearHeadDim ?? headDim, conv: 4,
  };
  if (lin.vHeads % lin.kHeads !== 0) throw new Error('linearValueHeads must be a multiple of linearKeyHeads');
  const keyDim = lin.headDim * lin.kHeads;
  const valueDim = lin.headDim * lin.vHeads;
  const moe = { experts: opts.experts ?? 4, used: opts.expertsUsed ?? 2, ff: opts.expertFeedForward ?? Math.max(16, n.ff / 2) };
  // Multi-section RoPE over the whole head (Qwen3.5 rotates a quarter of a 256-wide head: 64 dims
  // in sections [11, 11, 10]); sections count pairs, so they sum to half the rotated width.
  const ropeDims = headDim;
  const half = ropeDims / 2;
  const sections = [Math.ceil(half * 0.35), Math.ceil(half * 0.35), 0, 0];
  sections[2] = half - sections[0]! - sections[1]!;
  const f16 = opts.tensorType !== undefined && opts.tensorType !== 'f32';
  const vocab = buildVocab();
  for (let i = vocab.tokens.length; i < (opts.vocabSize ?? 0); i++) {
    vocab.tokens.push(`<|unused_${i}|>`);
    vocab.types.push(TOKEN_UNUSED);
  }
  const nVocab = vocab.tokens.length;
  const normal = normalSource(opts.seed ?? 42);
  const std = 0.02;

  const meta = new Meta();
  meta.strkv('general.architecture', arch);
  meta.strkv('general.name', opts.name ?? `obligato-tiny-${arch}`);
  meta.u32kv('general.alignment', ALIGNMENT);
  meta.u32kv('general.file_type', f16 ? 1 : 0);
  meta.u32kv(`${arch}.context_length`, n.ctx);
  meta.u32kv(`${arch}.embedding_length`, n.embd);
  meta.u32kv(`${arch}.block_count`, n.layers);
  meta.u32kv(`${arch}.feed_forward_length`, n.ff);
  meta.u32kv(`${arch}.attention.head_count`, n.heads);
  meta.u32kv(`${arch}.attention.head_count_kv`, n.headsKv);
  meta.u32kv(`${arch}.attention.key_length`, headDim);
  meta.u32kv(`${arch}.attention.value_length`, headDim);
  meta.f32kv(`${arch}.attention.layer_norm_rms_epsilon`, 1e-6);
  meta.f32kv(`${arch}.rope.freq_base`, hybrid ? 10_000_000 : 1_000_000);
  if (hybrid) {
    meta.u32kv(`${arch}.rope.dimension_count`, ropeDims);
    meta.arrkv(`${arch}.rope.dimension_sections`, T.I32, sections);
    meta.u32kv(`${arch}.full_attention_interval`, interval);
    meta.u32kv(`${arch}.ssm.conv_kernel`, lin.conv);
    meta.u32kv(`${arch}.ssm.state_size`, lin.headDim);
    meta.u32kv(`${arch}.ssm.group_count`, lin.kHeads);
    meta.u32kv(`${arch}.ssm.time_step_rank`, lin.vHeads);
    meta.u32kv(`${arch}.ssm.inner_size`, valueDim);
  }
  if (arch === 'qwen35moe') {
    meta.u32kv(`${arch}.expert_count`, moe.experts);
    meta.u32kv(`${arch}.expert_used_count`, moe.used);
    meta.u32kv(`${arch}.expert_feed_forward_length`, moe.ff);
    meta.u32kv(`${arch}.expert_shared_feed_forward_length`, moe.ff);
  }
  meta.strkv('tokenizer.ggml.model', 'gpt2');
  meta.strkv('tokenizer.ggml.pre', hybrid ? 'qwen35' : 'qwen2');
  meta.arrkv('tokenizer.ggml.tokens', T.STRING, vocab.tokens);
  meta.arrkv('tokenizer.ggml.token_type', T.I32, vocab.types);
  meta.arrkv('tokenizer.ggml.merges', T.STRING, vocab.merges);
  meta.u32kv('tokenizer.ggml.eos_token_id', vocab.id('<|im_end|>'));
  meta.u32kv('tokenizer.ggml.bos_token_id', vocab.id('<|endoftext|>'));
  meta.u32kv('tokenizer.ggml.padding_token_id', vocab.id('<|endoftext|>'));
  meta.boolkv('tokenizer.ggml.add_bos_token', false);
  meta.strkv('tokenizer.chat_template', QWEN3_CHAT_TEMPLATE);

  // The prior rides on hidden dimension 0: every embedding carries a constant there, which RMS
  // norm turns into a large, stable activation, and output row t scales it into logit bias[t].
  const prior = opts.jsonPrior ?? true;
  const bias = new Float32Array(nVocab);
  if (prior) {
    const set = (t: string, v: number) => { const i = vocab.id(t); if (i >= 0) bias[i] = v; };
    // '{' > ']' opens one obligation, ']' > ',' stops after it, '"' on top closes every string at once.
    set('"', 8); set('{', 6); set(']', 5); set('}', 4); set('<|im_end|>', 7);
    for (const d of '0123456789') set(d, 2);
    for (const ws of ['Ġ', 'Ċ', 'ĉ']) set(ws, -4);
  }
  const ones = () => 1;
  const rand = () => normal(std);
  const tensors: TensorSpec[] = [
    { name: 'token_embd.weight', dims: [n.embd, nVocab], fill: (i) => (prior && i % n.embd === 0 ? 1 : rand()) },
    { name: 'output_norm.weight', dims: [n.embd], fill: ones },
    // Post-norm dim 0 is about sqrt(embd); dividing keeps the bias in logit units.
    { name: 'output.weight', dims: [n.embd, nVocab], fill: (i) => (prior && i % n.embd === 0 ? bias[i / n.embd]! / Math.sqrt(n.embd) : rand()) },
  ];
  const zeros = () => 0;
  for (let l = 0; l < n.layers; l++) {
    const b = (s: string) => `blk.${l}.${s}.weight`;
    if (!hybrid) {
      tensors.push(
        { name: b('attn_norm'), dims: [n.embd], fill: ones },
        { name: b('attn_q'), dims: [n.embd, headDim * n.heads], fill: rand },
        { name: b('attn_k'), dims: [n.embd, headDim * n.headsKv], fill: rand },
        { name: b('attn_v'), dims: [n.embd, headDim * n.headsKv], fill: rand },
        { name: b('attn_output'), dims: [headDim * n.heads, n.embd], fill: rand },
        { name: b('attn_q_norm'), dims: [headDim], fill: ones },
        { name: b('attn_k_norm'), dims: [headDim], fill: ones },
        { name: b('ffn_norm'), dims: [n.embd], fill: ones },
        { name: b('ffn_gate'), dims: [n.embd, n.ff], fill: rand },
        { name: b('ffn_up'), dims: [n.embd, n.ff], fill: rand },
        { name: b('ffn_down'), dims: [n.ff, n.embd], fill: rand },
      );
      continue;
    }
    tensors.push(
      { name: b('attn_norm'), dims: [n.embd], fill: ones },
      { name: b('post_attention_norm'), dims: [n.embd], fill: ones },
    );
    if (isLinear(l)) {
      // Gated delta net: fused q/k/v projection, output gate z, depthwise conv over q|k|v, decay
      // (ssm_a < 0, as -exp(A_log)) and its time-step bias, beta/alpha projections, gated norm.
      tensors.push(
        { name: b('attn_qkv'), dims: [n.embd, keyDim * 2 + valueDim], fill: rand },
        { name: b('attn_gate'), dims: [n.embd, valueDim], fill: rand },
        { name: b('ssm_conv1d'), dims: [lin.conv, keyDim * 2 + valueDim], fill: rand },
        { name: `blk.${l}.ssm_dt.bias`, dims: [lin.vHeads], fill: zeros },
        { name: `blk.${l}.ssm_a`, dims: [lin.vHeads], fill: () => -1 },
        { name: b('ssm_beta'), dims: [n.embd, lin.vHeads], fill: rand },
        { name: b('ssm_alpha'), dims: [n.embd, lin.vHeads], fill: rand },
        { name: b('ssm_norm'), dims: [lin.headDim], fill: ones },
        { name: b('ssm_out'), dims: [valueDim, n.embd], fill: rand },
      );
    } else {
      // Gated full attention: the query projection carries the output gate (2x wide).
      tensors.push(
        { name: b('attn_q'), dims: [n.embd, headDim * n.heads * 2], fill: rand },
        { name: b('attn_k'), dims: [n.embd, headDim * n.headsKv], fill: rand },
        { name: b('attn_v'), dims: [n.embd, headDim * n.headsKv], fill: rand },
        { name: b('attn_output'), dims: [headDim * n.heads, n.embd], fill: rand },
        { name: b('attn_q_norm'), dims: [headDim], fill: ones },
        { name: b('attn_k_norm'), dims: [headDim], fill: ones },
      );
    }
    if (arch === 'qwen35') {
      tensors.push(
        { name: b('ffn_gate'), dims: [n.embd, n.ff], fill: rand },
        { name: b('ffn_up'), dims: [n.embd, n.ff], fill: rand },
        { name: b('ffn_down'), dims: [n.ff, n.embd], fill: rand },
      );
    } else {
      tensors.push(
        { name: b('ffn_gate_inp'), dims: [n.embd, moe.experts], fill: rand },
        { name: b('ffn_gate_exps'), dims: [n.embd, moe.ff, moe.experts], fill: rand },
        { name: b('ffn_up_exps'), dims: [n.embd, moe.ff, moe.experts], fill: rand },
        { name: b('ffn_down_exps'), dims: [moe.ff, n.embd, moe.experts], fill: rand },
        { name: b('ffn_gate_inp_shexp'), dims: [n.embd], fill: rand },
        { name: b('ffn_gate_shexp'), dims: [n.embd, moe.ff], fill: rand },
        { name: b('ffn_up_shexp'), dims: [n.embd, moe.ff], fill: rand },
        { name: b('ffn_down_shexp'), dims: [moe.ff, n.embd], fill: rand },
      );
    }
  }

  // 1-D norm weights stay F32 as in converted models: llama.cpp's CPU add/mul reject F16 operands.
  // Quantised types apply to matrices whose rows hold whole 32-value blocks, as llama-quantize
  // does; the MoE router and the delta-net gates stay f16 like converted checkpoints keep them.
  const quant = opts.tensorType === 'q8_0' ? GGML_Q8_0 : opts.tensorType === 'q4_0' ? GGML_Q4_0 : null;
  const typeOf = (t: TensorSpec) => {
    // llama.cpp's CPU ssm_conv reads its kernel as f32 only (converters keep it so).
    if (!f16 || t.dims.length < 2 || t.name.includes('ssm_conv1d')) return GGML_F32;
    if (quant !== null && t.dims[0]! % QK === 0 && !/ffn_gate_inp|ssm_alpha|ssm_beta/.test(t.name)) return quant;
    return GGML_F16;
  };
  const byteSize = (t: TensorSpec) => {
    const count = t.dims.reduce((a, c) => a * c, 1);
    const type = typeOf(t);
    return type === GGML_F32 ? 4 * count : type === GGML_F16 ? 2 * count : (count / QK) * BLOCK_BYTES[type]!;
  };
  const align = (x: number) => Math.ceil(x / ALIGNMENT) * ALIGNMENT;
  const infos: Buffer[] = [];
  let offset = 0;
  const offsets: number[] = [];
  for (const t of tensors) {
    const name = Buffer.from(t.name, 'utf8');
    const info = Buffer.alloc(8 + name.length + 4 + 8 * t.dims.length + 4 + 8);
    let p = info.writeBigUInt64LE(BigInt(name.length));
    p += name.copy(info, p);
    p = info.writeUInt32LE(t.dims.length, p);
    for (const d of t.dims) p = info.writeBigUInt64LE(BigInt(d), p);
    p = info.writeUInt32LE(typeOf(t), p);
    info.writeBigUInt64LE(BigInt(offset), p);
    infos.push(info);
    offsets.push(offset);
    offset = align(offset + byteSize(t));
  }

  const header = Buffer.alloc(24);
  header.write('GGUF', 0, 'latin1');
  header.writeUInt32LE(3, 4);
  header.writeBigUInt64LE(BigInt(tensors.length), 8);
  header.writeBigUInt64LE(BigInt(meta.count), 16);
  const head = Buffer.concat([header, ...meta.parts, ...infos]);
  const dataStart = align(head.length);

  // Write to a temp name and rename, so a concurrent reader never sees a half-written model.
  const tmp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  const fh = await open(tmp, 'w');
  try {
    await fh.write(head, 0, head.length, 0);
    for (const [k, t] of tensors.entries()) {
      const count = t.dims.reduce((a, c) => a * c, 1);
      const type = typeOf(t);
      // Written in chunks of whole rows: a real-size embedding (248k x 2560) does not fit one array.
      const row = t.dims[0]!;
      const chunk = Math.max(row, Math.floor((1 << 22) / row) * row);
      let at = dataStart + offsets[k]!;
      for (let start = 0; start < count; start += chunk) {
        const n = Math.min(chunk, count - start);
        const values = new Float32Array(n);
        for (let i = 0; i < n; i++) values[i] = t.fill(start + i);
        let buf: Buffer;
        if (type === GGML_F32) buf = Buffer.from(values.buffer, values.byteOffset, values.byteLength);
        else if (type === GGML_F16) {
          const half = new Uint16Array(n);
          for (let i = 0; i < n; i++) half[i] = toHalf(values[i]!);
          buf = Buffer.from(half.buffer, half.byteOffset, half.byteLength);
        } else buf = quantize(values, type);
        // Typed arrays are host-endian; GGUF is little-endian, as is every platform Node ships for.
        await fh.write(buf, 0, buf.length, at);
        at += buf.length;
      }
    }
    // A trailing pad keeps the file length aligned like converters produce.
    await fh.truncate(dataStart + offset);
  } finally {
    await fh.close();
  }
  await rename(tmp, file);
}

/** Writes the model once per option set into `dir` and returns its path. */
export async function tinyQwenModelPath(dir: string, opts: TinyQwenOptions = {}): Promise<string> {
  const key = createHash('sha256').update(JSON.stringify([WRITER_VERSION, Object.entries(opts).sort()])).digest('hex').slice(0, 12);
  const file = path.join(dir, `tiny-${opts.architecture ?? 'qwen3'}-${key}.gguf`);
  try {
    await stat(file);
    return file;
  } catch {
    await mkdir(dir, { recursive: true });
    await writeTinyQwenGguf(file, opts);
    return file;
  }
}
