// Paths that a workspace gives Tandem (a setting such as tandem.sql.schemaFile) must stay inside the workspace
// folder: a cloned repository's .vscode/settings.json may not point Tandem at ~/.aws/credentials and have it
// sent to a model. Plain string work, for both separators, so it runs the same for every platform's paths.

export type RelativePath =
  | { readonly ok: true; readonly segments: readonly string[] }
  | { readonly ok: false; readonly why: 'absolute' | 'climbs' };

/**
 * A workspace-relative path from a setting, as its segments with `.` and inner `..` resolved (`db/../x.sql`
 * is `x.sql`). Refused when absolute (`/etc/x`, `C:\x`, `\\server\share`) or when a `..` leaves the folder.
 */
export function relativeInside(value: string): RelativePath {
  const path = value.trim().replace(/\\/g, '/');
  if (path.startsWith('/') || /^[A-Za-z]:/.test(path)) return { ok: false, why: 'absolute' };
  const segments: string[] = [];
  for (const segment of path.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment !== '..') segments.push(segment);
    else if (segments.pop() === undefined) return { ok: false, why: 'climbs' };
  }
  return { ok: true, segments };
}

/**
 * Whether `target` is `folder` or lies under it. Both are real paths (links resolved) of one platform; a
 * trailing separator never matters, and `/work/app-old` is not under `/work/app`.
 */
export function isWithin(folder: string, target: string): boolean {
  const norm = (p: string) => p.replace(/\\/g, '/').replace(/\/+$/, '');
  const root = norm(folder);
  const path = norm(target);
  return path === root || path.startsWith(`${root}/`);
}

/** What to tell the user about a path setting that leaves the workspace folder, and what to set instead. */
export function outsideSettingMessage(setting: string, value: string, why: 'absolute' | 'climbs' | 'link', example: string): string {
  const where = why === 'absolute' ? 'an absolute path' : why === 'climbs' ? 'a path that climbs out of the workspace folder with ".."' : 'a link to a file outside the workspace folder';
  return `${setting} is ${JSON.stringify(value)}, ${where}; Tandem reads only files inside the workspace folder, so it was not read. `
    + `Set ${setting} to a path relative to the folder, such as ${example}, or leave it empty.`;
}
