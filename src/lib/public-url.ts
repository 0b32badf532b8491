// The address users reach the web application at, for links in e-mails (server and command line).
/**
 * PUBLIC_URL: where users reach the web application (https://birgemiz.example.kz), for the links of
 * e-mails (invitations, password resets). Unset: the origin of the request that causes the e-mail
 * (then the reverse proxy must pass the real Host). A value that is no http(s) URL is an error.
 */
/**
 * The address links in e-mails start with: PUBLIC_URL, else http://localhost:PORT. Never the Host a
 * request arrived with: anyone can send any Host (or X-Forwarded-Host through a proxy), and a reset
 * link pointing at their site would hand them the token.
 */
export function appUrl(env: NodeJS.ProcessEnv = process.env): string {
  return parsePublicUrl(env.PUBLIC_URL) ?? `http://localhost:${env.PORT?.trim() || '3000'}`;
}

export function parsePublicUrl(value: string | undefined): string | undefined {
  const v = (value ?? '').trim();
  if (v === '') return undefined;
  let url: URL;
  try {
    url = new URL(v);
  } catch {
    throw new Error(`PUBLIC_URL=${v} is not a URL: use e.g. https://birgemiz.example.kz`);
  }
  if (!['http:', 'https:'].includes(url.protocol))
    throw new Error(`PUBLIC_URL=${v} must start with http:// or https://`);
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}
