import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { GENERATED, generatedTypes } from '../scripts/api-types.js';
import { engine } from './helpers.js';

// The browser's API types are generated from the served OpenAPI document; a committed copy that
// no longer matches the server's schemas means the UI was not checked against them.
describe.runIf(engine === 'pglite')('the browser contract', () => {
  it('is the generated one, current with the server schemas', async () => {
    expect(fs.readFileSync(GENERATED, 'utf8')).toBe(await generatedTypes());
  });
});
