import type { ContentPart } from '../../providers/types';

/**
 * The largest image both providers take as one input: Anthropic refuses images over 5 MB (OpenAI allows
 * more), so one limit keeps the fallback to the other model possible.
 */
export const MAX_IMAGE_BYTES = 5 * 1024 * 1024;

const SIGNATURES: readonly { readonly mediaType: 'image/png' | 'image/jpeg'; readonly bytes: readonly number[] }[] = [
  { mediaType: 'image/png', bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  { mediaType: 'image/jpeg', bytes: [0xff, 0xd8, 0xff] },
];

export type ImageCheck = { readonly ok: true; readonly part: Extract<ContentPart, { type: 'image' }> } | { readonly ok: false; readonly message: string };

/** A picked file as an image input: its type from its bytes (not its name), within the size limit. */
export function imageInput(bytes: Uint8Array, fileName: string): ImageCheck {
  const kind = SIGNATURES.find((s) => s.bytes.every((b, i) => bytes[i] === b));
  if (!kind) return { ok: false, message: `${fileName} is not a PNG or JPEG image. Pick a .png or .jpg file (a screenshot or a diagram).` };
  if (bytes.length > MAX_IMAGE_BYTES) {
    const mb = (bytes.length / 1024 / 1024).toFixed(1);
    return { ok: false, message: `${fileName} is ${mb} MB; the models take images up to 5 MB. Crop it or save it smaller (a JPEG, or a lower resolution).` };
  }
  return { ok: true, part: { type: 'image', mediaType: kind.mediaType, base64: Buffer.from(bytes).toString('base64') } };
}
