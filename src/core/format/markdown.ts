/** Text shown as is inside Markdown (a path's underscores and asterisks are not emphasis). */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, '\\$&');
}
