// An independent, certified OpenID provider (panva's oidc-provider) on loopback, shaped by a JSON file like a council's
// Entra ID tenant or Keycloak realm: its issuer path, its clients and its accounts with exactly the claims they carry.
// The sign-in tests start it; an identity engineer can run it by hand (docs/identity.md, "Trying it on your machine").
//
//   node provider.mjs config.json
//
// config.json:
//   port            the loopback port to listen on
//   issuer          the issuer URL, on that port; its path is kept (http://127.0.0.1:PORT/<tenant>/v2.0, .../realms/<realm>)
//   keyFile         where the provider's signing key is kept, so a restarted provider signs with the same key
//   refreshTokens   "offline_access" (as Entra ID: only when that scope is asked for) or "always" (as Keycloak)
//   pushedAuthorizationRequests  true (as Keycloak, the default) or false (as Entra ID, which offers none)
//   behindProxy     true when a TLS-terminating proxy in front of it serves the issuer (X-Forwarded-Proto is trusted)
//   clients         client metadata as in OpenID Connect Dynamic Client Registration (client_id, client_secret,
//                   redirect_uris, post_logout_redirect_uris, backchannel_logout_uri, token_endpoint_auth_method,
//                   jwks for private_key_jwt, ...)
//   accounts        { "<login>": { "password": "...", "claims": { "sub": "...", ...every claim the ID token carries } } }
//                   An account may also have "refuse": "<error_description>", for a user the provider will not let into
//                   the app: after the right password the sign-in ends with error=access_denied and that description at
//                   the app's redirect URI, as Entra ID answers for a user not assigned to the app
//                   ("AADSTS50105: ...") or a disabled one ("AADSTS50057: ...").
//
// Besides the provider's own endpoints it answers, on loopback only:
//   GET  <issuer path>/interaction/<uid>          the sign-in form (Username, Password, Sign in, Cancel)
//   POST /admin/revoke?login=<login>              revokes every grant of that account, as disabling a user does
//   GET  /admin/backchannel                       the back-channel logouts delivered so far, as JSON
//   GET  /healthz                                 200 while it runs, for a proxy in front of it
//   GET  /admin/grants                            what the token endpoint granted or refused so far, as JSON
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { createServer } from 'node:http';
import { generateKeyPairSync } from 'node:crypto';

import Provider from 'oidc-provider';

const config = JSON.parse(readFileSync(process.argv[2] ?? 'config.json', 'utf8'));
const issuer = new URL(config.issuer);
const mount = issuer.pathname.replace(/\/$/, '');
const accounts = config.accounts ?? {};
const bySub = new Map(Object.values(accounts).map((account) => [account.claims.sub, account]));

function signingKey() {
  if (config.keyFile && existsSync(config.keyFile)) {
    return JSON.parse(readFileSync(config.keyFile, 'utf8'));
  }

  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = { ...privateKey.export({ format: 'jwk' }), use: 'sig', alg: 'RS256', kid: `key-${Date.now()}` };
  if (config.keyFile) {
    writeFileSync(config.keyFile, JSON.stringify(jwk));
  }

  return jwk;
}

// Every claim an account carries is released with the openid scope, except those of the standard email scope.
const emailClaims = ['email', 'email_verified'];
const otherClaims = [...new Set(Object.values(accounts).flatMap((a) => Object.keys(a.claims)))]
  .filter((claim) => !emailClaims.includes(claim));

const provider = new Provider(issuer.href.replace(/\/$/, ''), {
  clients: config.clients,
  jwks: { keys: [signingKey()] },
  cookies: { keys: ['patchwork-test-provider-cookies'] },
  claims: { openid: otherClaims, email: emailClaims },
  scopes: ['openid', 'offline_access', 'profile', 'email'],
  // As Entra ID and Keycloak do, the ID token carries the claims itself (the app reads no userinfo).
  conformIdTokenClaims: false,
  pkce: { required: () => true },
  clientAuthMethods: ['client_secret_basic', 'client_secret_post', 'private_key_jwt', 'none'],
  features: {
    devInteractions: { enabled: false },
    backchannelLogout: { enabled: true },
    rpInitiatedLogout: { enabled: true },
    revocation: { enabled: true },
    pushedAuthorizationRequests: { enabled: config.pushedAuthorizationRequests !== false },
  },
  interactions: { url: (ctx, interaction) => `${mount}/interaction/${interaction.uid}` },
  issueRefreshToken: async (ctx, client, code) => client.grantTypeAllowed('refresh_token')
    && (config.refreshTokens === 'always' || code.scopes.has('offline_access')),
  async findAccount(ctx, sub) {
    const account = bySub.get(sub);
    return account && { accountId: sub, claims: async () => ({ ...account.claims }) };
  },
  ttl: { Session: 60 * 60, Grant: 60 * 60, RefreshToken: 60 * 60 },
  // oidc-provider refuses to call special-use addresses (a guard against SSRF). Here the app it posts logout tokens to
  // is on loopback by design, so calls to loopback go out unguarded; any other address keeps the guard.
  fetch: (url, options) => {
    if (['127.0.0.1', 'localhost', '[::1]'].includes(new URL(url).hostname)) {
      delete options.dispatcher;
    }
    return globalThis.fetch(url, options);
  },
});
provider.proxy = config.behindProxy === true;

// Which grants each account holds, so the admin hook can revoke them as an administrator disabling the user would.
const grants = new Map();
provider.on('grant.saved', (grant) => {
  if (!grants.has(grant.accountId)) {
    grants.set(grant.accountId, new Set());
  }
  grants.get(grant.accountId).add(grant.jti);
});
const backchannel = [];
provider.on('backchannel.success', (ctx, client, accountId, sid) => backchannel.push({ client: client.clientId, sub: accountId, sid, ok: true }));
provider.on('backchannel.error', (ctx, error, client, accountId, sid) => backchannel.push({ client: client.clientId, sub: accountId, sid, ok: false, error: String(error) }));
// What the token endpoint granted, so a test can see the app renew a session (grant_type refresh_token).
const granted = [];
provider.on('grant.success', (ctx) => granted.push({
  grant_type: ctx.oidc.params.grant_type,
  client: ctx.oidc.client?.clientId,
  sub: ctx.oidc.entities.Grant?.accountId ?? ctx.oidc.entities.Account?.accountId,
}));
provider.on('grant.error', (ctx, error) => granted.push({ grant_type: ctx.oidc.params?.grant_type, client: ctx.oidc.client?.clientId, error: error.error ?? String(error) }));
for (const event of ['server_error', 'grant.error', 'authorization.error', 'end_session.error', 'backchannel.error']) {
  provider.on(event, (ctx, error) => console.error(event, error?.error ?? '', error?.error_description ?? error));
}
provider.on('grant.success', (ctx) => console.log('grant.success', ctx.oidc.params.grant_type, ctx.oidc.client?.clientId, [...(ctx.oidc.entities.Grant?.getOIDCScope()?.split(' ') ?? [])].join(' ')));

const escape = (text) => String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function page(res, status, title, body) {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
  res.end(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escape(title)}</title></head>
<body><main><h1>${escape(title)}</h1>${body}</main></body></html>`);
}

async function form(req) {
  let text = '';
  for await (const chunk of req) {
    text += chunk;
  }
  return new URLSearchParams(text);
}

function loginForm(res, uid, message) {
  page(res, message ? 401 : 200, 'Sign in to Northvale', `
${message ? `<p role="alert">${escape(message)}</p>` : ''}
<form method="post" action="${mount}/interaction/${uid}/login" autocomplete="off">
  <p><label for="login">Username</label> <input id="login" name="login" required></p>
  <p><label for="password">Password</label> <input id="password" name="password" type="password" required></p>
  <p><button type="submit">Sign in</button></p>
</form>
<p><a href="${mount}/interaction/${uid}/abort">Cancel</a></p>`);
}

// The sign-in form of a tenant: the login is checked against its password; consent is given for the user, as an
// administrator's consent to a council's own application is.
async function interaction(req, res, uid, action) {
  const details = await provider.interactionDetails(req, res);
  if (action === 'abort') {
    return provider.interactionFinished(req, res, { error: 'access_denied', error_description: 'End-User aborted interaction' }, { mergeWithLastSubmission: false });
  }

  if (details.prompt.name === 'login') {
    if (action !== 'login') {
      return loginForm(res, uid);
    }
    const body = await form(req);
    const account = accounts[body.get('login')];
    if (!account || account.password !== body.get('password')) {
      return loginForm(res, uid, 'That username and password do not match an account.');
    }
    if (account.refuse) {
      return provider.interactionFinished(req, res, { error: 'access_denied', error_description: account.refuse }, { mergeWithLastSubmission: false });
    }
    return provider.interactionFinished(req, res, { login: { accountId: account.claims.sub } }, { mergeWithLastSubmission: false });
  }

  if (details.prompt.name === 'consent') {
    const grant = details.grantId
      ? await provider.Grant.find(details.grantId)
      : new provider.Grant({ accountId: details.session.accountId, clientId: details.params.client_id });
    const missing = details.prompt.details;
    if (missing.missingOIDCScope) {
      grant.addOIDCScope(missing.missingOIDCScope.join(' '));
    }
    if (missing.missingOIDCClaims) {
      grant.addOIDCClaims(missing.missingOIDCClaims);
    }
    return provider.interactionFinished(req, res, { consent: { grantId: await grant.save() } }, { mergeWithLastSubmission: true });
  }

  return page(res, 501, 'Not implemented', `<p>The prompt ${escape(details.prompt.name)} is not implemented.</p>`);
}

async function admin(req, res, url) {
  res.setHeader('content-type', 'application/json');
  if (url.pathname === '/admin/revoke' && req.method === 'POST') {
    const account = accounts[url.searchParams.get('login')];
    if (!account) {
      res.writeHead(404);
      return res.end(JSON.stringify({ error: `no account with the login ${url.searchParams.get('login')}` }));
    }
    const ids = [...(grants.get(account.claims.sub) ?? [])];
    for (const id of ids) {
      await (await provider.Grant.find(id))?.destroy();
    }
    grants.delete(account.claims.sub);
    return res.end(JSON.stringify({ revoked: ids.length }));
  }
  if (url.pathname === '/admin/grants') {
    return res.end(JSON.stringify(granted));
  }
  if (url.pathname === '/admin/backchannel') {
    return res.end(JSON.stringify(backchannel));
  }
  res.writeHead(404);
  return res.end(JSON.stringify({ error: 'no such admin hook' }));
}

const callback = provider.callback();
const server = createServer(async (req, res) => {
  const url = new URL(req.url, issuer.origin);
  try {
    if (url.pathname === '/healthz') {
      res.writeHead(200, { 'content-type': 'text/plain' });
      return res.end('Healthy');
    }
    if (url.pathname.startsWith('/admin/')) {
      return await admin(req, res, url);
    }
    const match = url.pathname.match(new RegExp(`^${mount.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/interaction/([^/]+)(?:/(login|abort))?$`));
    if (match) {
      return await interaction(req, res, match[1], match[2]);
    }
    if (url.pathname === `${mount}/auth` && config.refreshTokens === 'offline_access') {
      // oidc-provider follows OpenID Connect Core strictly: offline_access counts only with prompt=consent. Entra ID
      // grants it whenever it is asked for, so the Entra shape adds the consent prompt the app does not send.
      const scope = url.searchParams.get('scope')?.split(' ') ?? [];
      const prompt = url.searchParams.get('prompt')?.split(' ').filter(Boolean) ?? [];
      if (scope.includes('offline_access') && !prompt.includes('consent')) {
        url.searchParams.set('prompt', [...prompt, 'consent'].join(' '));
        req.url = url.pathname + url.search;
      }
    }
    if (url.pathname === mount || url.pathname.startsWith(`${mount}/`)) {
      // The provider is mounted at the issuer's path, as Entra ID's /<tenant>/v2.0 and Keycloak's /realms/<realm>.
      req.originalUrl = req.url;
      req.url = req.url.substring(mount.length) || '/';
      return callback(req, res);
    }
    return page(res, 404, 'Not found', '<p>Nothing here; the provider lives under its issuer path.</p>');
  } catch (error) {
    console.error(error);
    if (!res.headersSent) {
      page(res, 400, 'Sign-in failed', `<p>${escape(error.message)}</p>`);
    }
  }
});

server.listen(config.port, '127.0.0.1', () => {
  console.log(`oidc-provider listening, issuer ${provider.issuer}`);
});
