import assert from 'node:assert/strict';
import { activateContributions, type Contribution } from '../../../../src/core/contributions/activateContributions';

interface Services {
  readonly greeting: string;
}
interface Parts {
  readonly first: string;
  readonly third: string;
}

/** A log that keeps its lines. */
function recordingLog(): { readonly errors: string[]; error(message: string): void } {
  const errors: string[] = [];
  return { errors, error: (message) => errors.push(message) };
}

describe('activateContributions', () => {
  it('logs a feature that throws while starting, by name, and starts and later disposes the others', () => {
    const events: string[] = [];
    const feature = (name: string, part?: Partial<Parts>): Contribution<Services, Partial<Parts>> => ({
      name,
      create: ({ greeting }) => {
        events.push(`${greeting} ${name}`);
        return { dispose: () => events.push(`disposed ${name}`), testApi: part };
      },
    });
    const broken: Contribution<Services, Partial<Parts>> = {
      name: 'inline completions',
      create: () => {
        throw new Error('the provider could not be registered');
      },
    };
    const log = recordingLog();

    const active = activateContributions([feature('the spend item', { first: 'one' }), broken, feature('batch jobs', { third: 'three' })], { greeting: 'started' }, log);

    assert.deepEqual(events, ['started the spend item', 'started batch jobs']);
    assert.deepEqual(active.failed, ['inline completions']);
    assert.deepEqual(active.testApi, { first: 'one', third: 'three' });
    assert.equal(log.errors.length, 1);
    assert.match(log.errors[0], /^Inline completions did not start: the provider could not be registered\. The rest of Tandem works; reload the window to try again\./);

    active.dispose();
    assert.deepEqual(events.slice(2), ['disposed the spend item', 'disposed batch jobs']);
  });

  it('disposes every feature even when one throws while stopping, and logs it', () => {
    const disposed: string[] = [];
    const log = recordingLog();
    const active = activateContributions<Services, Partial<Parts>>([
      { name: 'the usage report', create: () => ({ dispose: () => { throw new Error('already gone'); } }) },
      { name: 'batch jobs', create: () => ({ dispose: () => disposed.push('batch jobs') }) },
    ], { greeting: '' }, log);

    active.dispose();

    assert.deepEqual(disposed, ['batch jobs']);
    assert.deepEqual(log.errors, ['Stopping the usage report failed: already gone']);
  });
});
