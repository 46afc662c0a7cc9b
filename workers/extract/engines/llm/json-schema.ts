import type { GbnfJsonSchema } from 'node-llama-cpp';
import { z } from 'zod';
import type { JSONSchema } from 'zod/v4/core';
import { SegmentExtraction } from '../../../../schemas/obligation.ts';

type Json = JSONSchema.JSONSchema;

/** Bounded numbers become this many evenly spaced choices (0, 0.05, ..., 1 for a [0, 1] range). */
const NUMBER_GRID_STEPS = 20;
/** Bounded integers with at most this many values become an enum; wider ones stay plain integers. */
const MAX_INTEGER_ENUM = 256;

/**
 * Converts zod's JSON Schema output to the subset node-llama-cpp compiles to GBNF. Everything
 * the grammar can enforce is kept (enums, string and array bounds, nullability), and numeric
 * ranges, which GBNF cannot express, become enums so a grammar-valid answer is also zod-valid.
 * Unsupported constructs throw instead of being silently dropped.
 */
export function toGbnfJsonSchema(schema: Json): GbnfJsonSchema {
  if (schema.const !== undefined) return { const: schema.const };
  if (schema.enum) return { enum: schema.enum };
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives) return { oneOf: alternatives.map(toGbnfJsonSchema) };

  const type = schema.type;
  if (Array.isArray(type)) {
    if (type.every((t) => t === 'null' || t === 'boolean')) return { type };
    // ["string", "null"] with bounds must split so the bounds stay attached to the string.
    return { oneOf: type.map((t) => toGbnfJsonSchema({ ...schema, type: t })) };
  }
  switch (type) {
    case 'object': {
      const properties: Record<string, GbnfJsonSchema> = {};
      for (const [key, value] of Object.entries(schema.properties ?? {})) {
        if (typeof value === 'boolean') throw new Error(`Unsupported boolean schema for property "${key}"`);
        properties[key] = toGbnfJsonSchema(value);
      }
      // The grammar always emits every property; zod must agree that all of them are required.
      const missing = Object.keys(properties).filter((k) => !(schema.required ?? []).includes(k));
      if (missing.length > 0) throw new Error(`Optional properties are not supported by the grammar: ${missing.join(', ')}`);
      return { type: 'object', properties, additionalProperties: false };
    }
    case 'array': {
      const items = schema.items;
      if (items === undefined || typeof items === 'boolean' || Array.isArray(items)) {
        throw new Error('Only arrays with a single item schema are supported');
      }
      return {
        type: 'array',
        items: toGbnfJsonSchema(items),
        ...(schema.minItems !== undefined ? { minItems: schema.minItems } : {}),
        ...(schema.maxItems !== undefined ? { maxItems: schema.maxItems } : {}),
      };
    }
    case 'string':
      return {
        type: 'string',
        ...(schema.minLength !== undefined ? { minLength: schema.minLength } : {}),
        ...(schema.maxLength !== undefined ? { maxLength: schema.maxLength } : {}),
      };
    case 'integer': {
      const { minimum: min, maximum: max } = schema;
      if (min !== undefined && max !== undefined && max - min < MAX_INTEGER_ENUM) {
        return { enum: Array.from({ length: max - min + 1 }, (_, i) => min + i) };
      }
      return { type: 'integer' };
    }
    case 'number': {
      const { minimum: min, maximum: max } = schema;
      if (min !== undefined && max !== undefined) {
        const step = (max - min) / NUMBER_GRID_STEPS;
        return { enum: Array.from({ length: NUMBER_GRID_STEPS + 1 }, (_, i) => Number((min + i * step).toFixed(6))) };
      }
      return { type: 'number' };
    }
    case 'boolean':
    case 'null':
      return { type };
    default:
      throw new Error(`Unsupported JSON schema: ${JSON.stringify(schema).slice(0, 200)}`);
  }
}

/** Follows `properties` / `items` keys through a JSON schema; throws if the zod schema drifted. */
function at(schema: Json, path: readonly string[]): Json {
  let node: Json = schema;
  for (const key of path) {
    const next: unknown = key === 'items' ? node.items : node.properties?.[key];
    if (typeof next !== 'object' || next === null || Array.isArray(next)) {
      throw new Error(`SegmentExtraction schema has no ${path.join('.')}`);
    }
    node = next as Json;
  }
  return node;
}

const BASE_SCHEMA: Json = z.toJSONSchema(SegmentExtraction, { target: 'draft-2020-12' });
const SENTENCE_ID_PATH = ['obligations', 'items', 'sentenceIds', 'items'] as const;

/**
 * The grammar schema for one segment, from the zod `SegmentExtraction` schema. Sentence ids
 * are narrowed to the segment's ids so the model cannot cite a sentence that does not exist.
 */
export function segmentGrammarSchema(sentenceCount: number): GbnfJsonSchema {
  if (!Number.isInteger(sentenceCount) || sentenceCount < 1) throw new Error(`Invalid sentence count ${sentenceCount}`);
  const schema = structuredClone(BASE_SCHEMA);
  at(schema, SENTENCE_ID_PATH).maximum = sentenceCount - 1;
  return toGbnfJsonSchema(schema);
}

/** The most obligations one call may return, as the zod schema (so the grammar) allows. */
export function maxObligationsPerCall(): number {
  const max = at(BASE_SCHEMA, ['obligations']).maxItems;
  if (max === undefined) throw new Error('SegmentExtraction.obligations has no maxItems: the answer budget cannot be derived');
  return max;
}
