// The browser's address bar, behind one object: the page leaves for the sign-in and sign-out pages
// through it, and tests spy on it (jsdom cannot navigate).

export const browserLocation = {
  /** Leaves the single-page app for `url` (a full page load). */
  assign(url: string): void {
    window.location.assign(url);
  },
  /** The page's path and query string, e.g. `/targets/x?name=y`. */
  currentPath(): string {
    return `${window.location.pathname}${window.location.search}`;
  },
};

/** Only http(s) or a path of this origin: never `javascript:` or another scheme from an answer. */
export function safeNavigationUrl(url: string): string {
  try {
    const parsed = new URL(url, window.location.origin);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : '/';
  } catch {
    return '/';
  }
}
