import assert from 'node:assert/strict';
import { retryAdvice, sentFileProblem } from '../../../../src/core/batch/sentFile';
import { makeItems } from './fixtures';

const item = { ...makeItems(['src/app.ts'])[0], sentHash: 'a1b2c3d4e5f60718' };

describe('sentFileProblem', () => {
  it('refuses an answer about a file that is gone (deleted, renamed or moved), saying what to do', () => {
    assert.equal(sentFileProblem('bulkEdit', item, { kind: 'missing' }), 'the file was deleted or moved after it was sent; run the edit again for it');
    assert.equal(sentFileProblem('review', item, { kind: 'missing' }), 'the file was deleted or moved after it was sent; review it again');
  });

  it('refuses an answer about a file that cannot be read, with the reason', () => {
    assert.equal(
      sentFileProblem('bulkEdit', item, { kind: 'unreadable', error: 'File seems to be binary and cannot be opened as text' }),
      'the file could not be opened (File seems to be binary and cannot be opened as text); run the edit again for it',
    );
  });

  it('refuses an answer about a file whose text changed since it was sent', () => {
    assert.equal(sentFileProblem('bulkEdit', item, { kind: 'read', fingerprint: '0000000000000000' }), 'the file changed after it was sent; run the edit again for it');
    assert.equal(sentFileProblem('review', item, { kind: 'read', fingerprint: '0000000000000000' }), 'the file changed after it was sent; review it again');
  });

  it('lets an answer land on the file as it was sent, and on a file sent without a fingerprint', () => {
    assert.equal(sentFileProblem('bulkEdit', item, { kind: 'read', fingerprint: item.sentHash }), undefined);
    assert.equal(sentFileProblem('review', { ...item, sentHash: undefined }, { kind: 'read', fingerprint: 'anything' }), undefined);
  });

  it('advises per kind of job', () => {
    assert.deepEqual([retryAdvice('bulkEdit'), retryAdvice('review')], ['run the edit again for it', 'review it again']);
  });
});
