/**
 * The custom entities the fake KVS accepts, read from manifest.yml: the same declarations
 * Forge deploys, so a store that writes an undeclared attribute or queries an undeclared index
 * fails in tests as it would on the platform.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'yaml';

export type AttributeType = 'string' | 'integer' | 'float' | 'boolean' | 'any';

export interface IndexSchema {
  name: string;
  partition: string[];
  range: string;
}

export interface EntitySchema {
  name: string;
  attributes: Map<string, AttributeType>;
  indexes: Map<string, IndexSchema>;
}

const MANIFEST_PATH = resolve(__dirname, '../../../manifest.yml');
const ATTRIBUTE_TYPES: readonly AttributeType[] = ['string', 'integer', 'float', 'boolean', 'any'];

interface RawIndex {
  name?: unknown;
  partition?: unknown;
  range?: unknown;
}

function stringList(value: unknown, what: string): string[] {
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'string')) {
    throw new Error(`manifest.yml: ${what} must be a list of attribute names`);
  }
  return value as string[];
}

function readIndex(raw: unknown, entity: string): IndexSchema {
  if (typeof raw === 'string') {
    return { name: raw, partition: [], range: raw };
  }
  const index = raw as RawIndex;
  if (typeof index.name !== 'string') {
    throw new Error(`manifest.yml: an index of entity ${entity} has no name`);
  }
  const range = stringList(index.range, `range of ${entity}.${index.name}`);
  if (range.length !== 1) {
    throw new Error(`manifest.yml: ${entity}.${index.name} must have exactly one range attribute`);
  }
  const partition = index.partition === undefined ? [] : stringList(index.partition, 'partition');
  return { name: index.name, partition, range: range[0]! };
}

function readAttributes(raw: unknown, entity: string): Map<string, AttributeType> {
  const attributes = new Map<string, AttributeType>();
  for (const [name, spec] of Object.entries((raw ?? {}) as Record<string, { type?: unknown }>)) {
    const type = spec.type as AttributeType;
    if (!ATTRIBUTE_TYPES.includes(type)) {
      throw new Error(`manifest.yml: ${entity}.${name} has an unknown type`);
    }
    attributes.set(name, type);
  }
  return attributes;
}

/** Parses the `app.storage.entities` section of a manifest text. */
export function parseEntitySchemas(manifestText: string): Map<string, EntitySchema> {
  const manifest = parse(manifestText) as { app?: { storage?: { entities?: unknown[] } } };
  const schemas = new Map<string, EntitySchema>();
  for (const raw of manifest.app?.storage?.entities ?? []) {
    const entity = raw as { name: string; attributes: unknown; indexes?: unknown[] };
    const indexes = new Map<string, IndexSchema>();
    for (const index of entity.indexes ?? []) {
      const parsed = readIndex(index, entity.name);
      indexes.set(parsed.name, parsed);
    }
    const attributes = readAttributes(entity.attributes, entity.name);
    schemas.set(entity.name, { name: entity.name, attributes, indexes });
  }
  return schemas;
}

/** The entities declared in the repository's manifest.yml. */
export function loadManifestEntities(): Map<string, EntitySchema> {
  return parseEntitySchemas(readFileSync(MANIFEST_PATH, 'utf8'));
}
