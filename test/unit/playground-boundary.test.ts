import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// The playground runs Boost unchanged: nothing in Boost may know it exists.

const SRC = fileURLToPath(new URL('../../src/', import.meta.url));

describe('the playground', () => {
  it('is imported by no part of Boost outside src/playground', () => {
    const boostFiles = readdirSync(SRC, { recursive: true, encoding: 'utf8' }).filter(
      (file) => /\.tsx?$/.test(file) && !file.startsWith('playground/'),
    );
    expect(boostFiles.length).toBeGreaterThan(50);
    const knowing = boostFiles.filter((file) =>
      /from ['"][./]*\/?playground\//.test(readFileSync(join(SRC, file), 'utf8')),
    );
    expect(knowing).toEqual([]);
  });
});
