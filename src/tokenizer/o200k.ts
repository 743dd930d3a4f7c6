// The exact OpenAI o200k_base tokenizer (GPT-5.4 Mini). A separate bundle entry: its ranks are ~2 MB, so
// the main bundle loads it only when an exact count is worth it (TokenCounter's loader).
import { countTokens } from 'gpt-tokenizer/encoding/o200k_base';

// Special-token text such as "<|endoftext|>" in a user's file is plain text to the API: never refuse it.
const NO_SPECIAL_TOKENS = { disallowedSpecial: new Set<string>() };

export function count(text: string): number {
  return countTokens(text, NO_SPECIAL_TOKENS);
}
