/** The app's pages, addressed by the URL hash so the API can serve the app as static files. */
export type Route =
  | { readonly page: 'screen'; readonly protocol: string | undefined }
  | { readonly page: 'author'; readonly protocol: string | undefined };

export function parseRoute(hash: string): Route {
  const [page, protocol] = hash.replace(/^#\/?/, '').split('/').map(decodeURIComponent);
  const id = protocol || undefined;
  return page === 'author' ? { page: 'author', protocol: id } : { page: 'screen', protocol: id };
}

export function routeHash(route: Route): string {
  return route.protocol ? `#/${route.page}/${encodeURIComponent(route.protocol)}` : `#/${route.page}`;
}
