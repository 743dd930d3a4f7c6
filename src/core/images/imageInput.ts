import type { ContentPart } from '../calls/modelClient';

/**
 * The largest image both providers take as one input. Anthropic refuses an image whose base64 text is over
 * 5 MB (5,242,880 characters: "image exceeds 5 MB maximum"), which base64's 4/3 growth reaches from 3.75 MB
 * of image; OpenAI takes up to 50 MB per request. One limit keeps the fallback to the other model possible.
 * The picked file is checked against it before it is read (core/files/readLimits.ts).
 */
export const MAX_IMAGE_BYTES = (5 * 1024 * 1024 * 3) / 4;

const SIGNATURES: readonly { readonly mediaType: 'image/png' | 'image/jpeg'; readonly bytes: readonly number[] }[] = [
  { mediaType: 'image/png', bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  { mediaType: 'image/jpeg', bytes: [0xff, 0xd8, 0xff] },
];

export type ImageCheck = { readonly ok: true; readonly part: Extract<ContentPart, { type: 'image' }> } | { readonly ok: false; readonly message: string };

/** A picked file as an image input: its type from its bytes (not its name). Its size was checked as it was read. */
export function imageInput(bytes: Uint8Array, fileName: string): ImageCheck {
  const kind = SIGNATURES.find((s) => s.bytes.every((b, i) => bytes[i] === b));
  if (!kind) return { ok: false, message: `${fileName} is not a PNG or JPEG image. Pick a .png or .jpg file (a screenshot or a diagram).` };
  return { ok: true, part: { type: 'image', mediaType: kind.mediaType, base64: toBase64(bytes) } };
}

/** Base64 of the bytes with the platform's btoa (in Node and browsers alike), in slices short enough to spread as arguments. */
function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}
