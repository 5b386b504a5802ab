/**
 * The collaboration endpoint on this origin, ws(s)://host/collab; the provider appends the
 * document id and `?token=…`. Same origin, so Vite's dev proxy and the server's own
 * routing both apply.
 */
export function collabServerUrl(location: Location = window.location): string {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${location.host}/collab`;
}
