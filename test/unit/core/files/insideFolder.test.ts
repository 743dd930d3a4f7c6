import assert from 'node:assert/strict';
import { isWithin, outsideSettingMessage, relativeInside } from '../../../../src/core/files/insideFolder';

describe('workspace paths from settings', () => {
  it('takes a path inside the folder, resolving . and inner ..', () => {
    assert.deepEqual(relativeInside('db/schema.sql'), { ok: true, segments: ['db', 'schema.sql'] });
    assert.deepEqual(relativeInside('./db//schema.sql '), { ok: true, segments: ['db', 'schema.sql'] });
    assert.deepEqual(relativeInside('db/../schema.sql'), { ok: true, segments: ['schema.sql'] });
    assert.deepEqual(relativeInside('db\\migrations\\001.sql'), { ok: true, segments: ['db', 'migrations', '001.sql'] });
  });

  it('refuses a path that climbs out with ..', () => {
    for (const value of ['../schema.sql', '../../home/me/.aws/credentials', 'db/../../x.sql', '..\\secrets.sql', '..']) {
      assert.deepEqual(relativeInside(value), { ok: false, why: 'climbs' }, value);
    }
  });

  it('refuses absolute paths of every platform', () => {
    for (const value of ['/etc/passwd', 'C:\\Users\\me\\.ssh\\id_rsa', 'c:/x.sql', '\\\\server\\share\\x.sql', '//server/x']) {
      assert.deepEqual(relativeInside(value), { ok: false, why: 'absolute' }, value);
    }
  });

  it('tells whether a real path is inside the folder, not merely sharing its prefix', () => {
    assert.ok(isWithin('/work/app', '/work/app/db/schema.sql'));
    assert.ok(isWithin('/work/app/', '/work/app'));
    assert.ok(isWithin('C:\\work\\app', 'C:\\work\\app\\db\\x.sql'));
    assert.ok(!isWithin('/work/app', '/work/app-old/schema.sql'));
    assert.ok(!isWithin('/work/app', '/home/me/.ssh/id_rsa'));
  });

  it('says what the setting is, why it was not read and what to set', () => {
    const message = outsideSettingMessage('tandem.sql.schemaFile', '../shared/schema.sql', 'climbs', 'db/schema.sql');
    assert.equal(message, 'tandem.sql.schemaFile is "../shared/schema.sql", a path that climbs out of the workspace folder with ".."; Tandem reads only files inside the workspace folder, so it was not read. '
      + 'Set tandem.sql.schemaFile to a path relative to the folder, such as db/schema.sql, or leave it empty.');
    assert.match(outsideSettingMessage('tandem.sql.schemaFile', 'schema.sql', 'link', 'db/schema.sql'), /"schema\.sql", a link to a file outside the workspace folder/);
    assert.match(outsideSettingMessage('tandem.sql.schemaFile', '/etc/x.sql', 'absolute', 'db/schema.sql'), /"\/etc\/x\.sql", an absolute path/);
  });
});
