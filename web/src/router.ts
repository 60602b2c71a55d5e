// The hash router: #/campaigns/cmp_1?from=... -> {path, parts, query}.

export interface Location {
  path: string; // "/campaigns/cmp_1"
  parts: string[]; // ["campaigns", "cmp_1"]
  query: URLSearchParams;
}

export function current(): Location {
  return parse(window.location.hash);
}

export function parse(hash: string): Location {
  const raw = hash.replace(/^#/, '') || '/';
  const [pathPart, queryPart = ''] = raw.split('?', 2);
  const parts = pathPart
    .split('/')
    .filter((p) => p !== '')
    .map((p) => {
      try {
        return decodeURIComponent(p);
      } catch {
        return p;
      }
    });
  return { path: `/${parts.join('/')}`, parts, query: new URLSearchParams(queryPart) };
}

// href builds a hash link; parts are escaped.
export function href(parts: string[], query?: Record<string, string> | URLSearchParams): string {
  const path = parts.map(encodeURIComponent).join('/');
  const q = query ? new URLSearchParams(query).toString() : '';
  return `#/${path}${q ? `?${q}` : ''}`;
}

// go navigates; replace keeps the history entry (filter changes).
export function go(link: string, replace = false): void {
  if (replace) {
    history.replaceState(null, '', link);
    window.dispatchEvent(new HashChangeEvent('hashchange'));
  } else {
    window.location.hash = link;
  }
}
