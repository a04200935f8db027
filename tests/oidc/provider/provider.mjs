// The OpenID Connect provider the tests start on loopback: node-oidc-provider, a certified
// implementation, with its development sign-in pages (any login name is accepted and becomes
// the subject). Configured by environment variables that tests/oidc/provider.py sets:
//   OIDC_PORT, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET, OIDC_REDIRECT_URI, OIDC_JWKS (a JSON key set
//   with private keys; the first signs), OIDC_CLOCK_OFFSET (seconds added to the clock: a
//   provider whose clock is wrong issues tokens that are already expired).
const offset = Number(process.env.OIDC_CLOCK_OFFSET || 0) * 1000;
if (offset) {
  const realNow = Date.now;
  Date.now = () => realNow() + offset;
}
const { default: Provider } = await import('oidc-provider');

const port = Number(process.env.OIDC_PORT);
const issuer = `http://127.0.0.1:${port}`;
const provider = new Provider(issuer, {
  clients: [{
    client_id: process.env.OIDC_CLIENT_ID,
    client_secret: process.env.OIDC_CLIENT_SECRET,
    redirect_uris: [process.env.OIDC_REDIRECT_URI],
    post_logout_redirect_uris: [process.env.OIDC_POST_LOGOUT_URI || process.env.OIDC_REDIRECT_URI],
    response_types: ['code'],
    grant_types: ['authorization_code'],
    token_endpoint_auth_method: 'client_secret_basic',
  }],
  jwks: JSON.parse(process.env.OIDC_JWKS),
  features: { devInteractions: { enabled: true }, rpInitiatedLogout: { enabled: true } },
  claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
  async findAccount(ctx, id) {
    return {
      accountId: id,
      async claims() {
        return { sub: id, email: `${id}@idp.example`, email_verified: true, name: id };
      },
    };
  },
});
// One line per request, so a test can tell whether anything reached the provider.
provider.use(async (ctx, next) => { console.log(`request ${ctx.method} ${ctx.path}`); await next(); });
provider.on('server_error', (ctx, err) => console.error('server_error', err));
provider.listen(port, '127.0.0.1', () => console.log(`listening ${issuer}`));
