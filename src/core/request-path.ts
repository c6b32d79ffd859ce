/** Checks on the path of a REST request before it is forwarded to the product. */

/** Without one of these characters no segment can be, or decode to, a dot segment. */
const DOT_SEGMENT_CHARS = /[.%\\]/;

/**
 * Whether a path (a query string after `?` is ignored) has a `.` or `..` segment, plainly or
 * percent-encoded, or a backslash: a path that could climb out of /rest/ once the product
 * normalises it. Undecodable segments count as dot segments (refuse what cannot be read).
 */
export function hasDotSegments(url: string): boolean {
  const path = url.split('?', 1)[0] ?? '';
  if (!DOT_SEGMENT_CHARS.test(path)) {
    return false;
  }
  if (path.includes('\\')) {
    return true;
  }
  return path.split('/').some((segment) => {
    let decoded: string;
    try {
      decoded = decodeURIComponent(segment);
    } catch {
      return true;
    }
    return decoded.split(/[\\/]/).some((part) => part === '.' || part === '..');
  });
}
