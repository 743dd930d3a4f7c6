import assert from 'node:assert/strict';
import { imageInput } from '../../../../src/core/images/imageInput';

describe('image inputs', () => {
  const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
  const jpeg = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0, 16]);

  it('tells PNG and JPEG by their bytes, not their names', () => {
    const a = imageInput(png, 'shot.jpg');
    const b = imageInput(jpeg, 'photo.png');
    assert.ok(a.ok && b.ok);
    assert.equal(a.part.mediaType, 'image/png');
    assert.equal(b.part.mediaType, 'image/jpeg');
    assert.equal(a.part.base64, Buffer.from(png).toString('base64'));
  });

  it('refuses other files, saying what to do', () => {
    const text = imageInput(new TextEncoder().encode('GIF89a...'), 'anim.gif');
    assert.ok(!text.ok && /anim\.gif is not a PNG or JPEG image\. Pick a \.png or \.jpg file/.test(text.message));
  });
});
