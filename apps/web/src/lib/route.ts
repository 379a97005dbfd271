/** The app's pages, addressed by the URL hash so the API can serve the app as static files. */
export type Route =
  | { readonly page: 'screen'; readonly protocol: string | undefined }
  | { readonly page: 'author'; readonly protocol: string | undefined }
  | { readonly page: 'feasibility'; readonly protocol: string | undefined }
  /** The side-by-side review of a draft or version: comments, approval, publishing. */
  | { readonly page: 'review'; readonly protocol: string | undefined }
  /** The screening log; with `entry`, one recorded screening reopened. */
  | { readonly page: 'log'; readonly protocol: string | undefined; readonly entry?: string | undefined };

export function parseRoute(hash: string): Route {
  const [page, protocol, entry] = hash.replace(/^#\/?/, '').split('/').map(decodeURIComponent);
  const id = protocol || undefined;
  if (page === 'log') return { page: 'log', protocol: id, entry: entry || undefined };
  if (page === 'feasibility') return { page: 'feasibility', protocol: id };
  if (page === 'review') return { page: 'review', protocol: id };
  return page === 'author' ? { page: 'author', protocol: id } : { page: 'screen', protocol: id };
}

export function routeHash(route: Route): string {
  const base = route.protocol ? `#/${route.page}/${encodeURIComponent(route.protocol)}` : `#/${route.page}`;
  return route.page === 'log' && route.entry && route.protocol
    ? `${base}/${encodeURIComponent(route.entry)}`
    : base;
}
