import assert from 'node:assert/strict';
import { isHeaderName, parseKeyValueList } from '../../../../src/core/telemetry/keyValueList';

describe('parseKeyValueList (OTEL_* key=value lists)', () => {
  it('reads pairs, trimming blanks around keys, values and commas', () => {
    const list = parseKeyValueList(' api-key = abc , x-team=platform,,');
    assert.deepEqual([...list.entries], [['api-key', 'abc'], ['x-team', 'platform']]);
    assert.equal(list.malformed, 0);
  });

  it('percent-decodes values, keeping an "=" inside a value', () => {
    const list = parseKeyValueList('Authorization=Bearer%20tok%3D%3D,team=a%2Cb,raw=x=y');
    assert.deepEqual(Object.fromEntries(list.entries), { Authorization: 'Bearer tok==', team: 'a,b', raw: 'x=y' });
  });

  it('drops and counts malformed entries: no "=", an empty key, bad percent-encoding', () => {
    const list = parseKeyValueList('novalue,=orphan,bad=%E0%A4%A,good=1');
    assert.deepEqual(Object.fromEntries(list.entries), { good: '1' });
    assert.equal(list.malformed, 3);
  });

  it('lets a later duplicate win, and reads nothing from an unset variable', () => {
    assert.deepEqual(Object.fromEntries(parseKeyValueList('a=1,a=2').entries), { a: '2' });
    assert.deepEqual(parseKeyValueList(undefined), { entries: new Map(), malformed: 0 });
  });

  it('tells a header name from text that cannot be sent as one', () => {
    assert.equal(isHeaderName('x-honeycomb-team'), true);
    assert.equal(isHeaderName('bad header'), false);
    assert.equal(isHeaderName('bad:header'), false);
  });
});
