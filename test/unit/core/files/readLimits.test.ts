import assert from 'node:assert/strict';
import { BINARY_SNIFF_BYTES, binaryProblem, binaryTextProblem, formatSize, READ_LIMITS, sizeProblem } from '../../../../src/core/files/readLimits';

const MB = 1024 * 1024;

describe('workspace reads: size and binary limits', () => {
  it('refuses a file over its limit, naming the file, its size and the limit', () => {
    assert.equal(sizeProblem('db/dump.sql', 3.2 * MB, READ_LIMITS.sqlSchema), 'db/dump.sql is 3.2 MB; Tandem reads a schema file of at most 1 MB.');
    assert.equal(sizeProblem('db/schema.sql', MB, READ_LIMITS.sqlSchema), undefined, 'the limit itself is allowed');
    assert.match(sizeProblem('.tandem/rules.md', 300 * 1024, READ_LIMITS.rules) ?? '', /^\.tandem\/rules\.md is 300 KB; Tandem reads a rules file of at most 256 KB\. Split the rules/);
    assert.match(sizeProblem('src/big.ts', 2 * MB, READ_LIMITS.batchFile) ?? '', /^src\/big\.ts is 2 MB; Tandem reads a file in a batch job of at most 256 KB\.$/);
    assert.match(sizeProblem('schemas/order.schema.json', 5 * MB, READ_LIMITS.jsonSchema) ?? '', /order\.schema\.json is 5 MB; Tandem reads a JSON Schema of at most 1 MB/);
  });

  it('just over a limit, says the bytes rather than two equal rounded sizes', () => {
    assert.equal(sizeProblem('x.sql', MB + 1, READ_LIMITS.sqlSchema), 'x.sql is 1,048,577 bytes; Tandem reads a schema file of at most 1,048,576 bytes.');
  });

  it('takes images only as large as Anthropic accepts once base64-encoded (5 MB of base64 text): 3.75 MB', () => {
    const limit = READ_LIMITS.image.maxBytes;
    assert.ok(Buffer.alloc(limit).toString('base64').length <= 5 * MB, 'an image at the limit is accepted by both providers');
    assert.ok(Buffer.alloc(limit + 1).toString('base64').length > 5 * MB, 'one byte more and Anthropic would refuse it');
    // A 4 MB screenshot passed the old 5 MB check, then failed at Anthropic ("image exceeds 5 MB maximum").
    assert.equal(sizeProblem('shot.png', 4 * MB, READ_LIMITS.image), 'shot.png is 4 MB; Tandem reads an image of at most 3.75 MB. Crop it or save it smaller (a JPEG, or a lower resolution).');
  });

  it('refuses a text file with a NUL byte in its first 8,000 bytes, as git tells binary files', () => {
    const text = new TextEncoder().encode('export const x = 1;\n');
    assert.equal(binaryProblem('x.ts', text, READ_LIMITS.batchFile), undefined);
    const binary = Uint8Array.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x00, 0x01]);
    assert.equal(binaryProblem('tools/app.ts', binary, READ_LIMITS.batchFile), 'tools/app.ts is not a text file (it holds NUL bytes, as binary files do); Tandem reads a file in a batch job only as text.');
    const lateNul = new Uint8Array(BINARY_SNIFF_BYTES + 10).fill(0x61);
    lateNul[BINARY_SNIFF_BYTES + 5] = 0;
    assert.equal(binaryProblem('long.sql', lateNul, READ_LIMITS.sqlSchema), undefined, 'only the first bytes are looked at');
    assert.equal(binaryProblem('shot.png', binary, READ_LIMITS.image), undefined, 'an image is binary by nature');
  });

  it('applies the same check to text already open in the editor', () => {
    assert.match(binaryTextProblem('a.sql', 'CREATE\0TABLE', READ_LIMITS.sqlSchema) ?? '', /^a\.sql is not a text file/);
    assert.equal(binaryTextProblem('a.sql', 'CREATE TABLE t (id int);', READ_LIMITS.sqlSchema), undefined);
  });

  it('formats sizes as a file manager does', () => {
    assert.deepEqual([10, 812 * 1024, MB, 3.2 * MB, 3.75 * MB, 120 * MB].map(formatSize), ['1 KB', '812 KB', '1 MB', '3.2 MB', '3.75 MB', '120 MB']);
  });
});
