using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Patchwork.E2E.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Patchwork.E2E.Tests;

/// <summary>
/// The certified oidc-provider shaped like a council's Keycloak realm: issuer <c>/realms/northvale</c>, a UUID
/// <c>sub</c>, <c>email</c> with <c>email_verified</c>, realm roles in the JSON claim <c>realm_access</c>, refresh tokens
/// always, pushed authorization requests offered, back-channel logout with the session id. The client authenticates
/// with a certificate (private_key_jwt, Keycloak's "Signed JWT"): the provider knows only the certificate's public key.
/// </summary>
public sealed class KeycloakRealm : ProviderSignInApp
{
    public const string ClientId = "patchwork-web";

    public const string Sam = "sam";
    public const string Jo = "jo";
    public const string Hannah = "hannah";

    /// <summary>The certificate the app signs its client assertions with (PEM: certificate and key).</summary>
    public string CertificatePath { get; private set; } = "";

    /// <summary>The public key of the app's certificate, as the realm has it imported.</summary>
    public JsonObject CertificateKey { get; private set; } = null!;

    /// <summary>The public key of another certificate: the realm after someone imported the wrong one.</summary>
    public JsonObject OtherKey { get; private set; } = null!;

    protected override string IssuerPath => "/realms/northvale";

    protected override JsonObject Shape => new() { ["refreshTokens"] = "always", ["pushedAuthorizationRequests"] = true };

    protected override JsonObject Accounts => new()
    {
        [Sam] = Account("6d2f4a8e-3b1c-4e7a-9f05-1a2b3c4d5e01", "sam.adeyemi@northvale.gov.uk", true, "patchwork-practitioner"),
        [Jo] = Account("6d2f4a8e-3b1c-4e7a-9f05-1a2b3c4d5e02", "jo.whitfield@northvale.gov.uk", true, "patchwork-coordinator"),
        [Hannah] = Account("6d2f4a8e-3b1c-4e7a-9f05-1a2b3c4d5e03", "hannah.lees@northvale.gov.uk", false, "patchwork-practitioner"),
    };

    protected override void Prepare(string folder)
    {
        using var certificate = NewCertificate();
        CertificatePath = Path.Combine(folder, "patchwork.pem");
        File.WriteAllText(CertificatePath, certificate.ExportCertificatePem() + "\n" + certificate.GetRSAPrivateKey()!.ExportPkcs8PrivateKeyPem() + "\n");
        CertificateKey = PublicJwk(certificate);
        using var other = NewCertificate();
        OtherKey = PublicJwk(other);
    }

    protected internal override JsonObject Client(Uri app) => Registration(app, CertificateKey);

    /// <summary>The realm's client, trusting <paramref name="key"/> for its signed JWTs and nothing else.</summary>
    internal static JsonObject Registration(Uri app, JsonObject key) => new()
    {
        ["client_id"] = ClientId,
        ["token_endpoint_auth_method"] = "private_key_jwt",
        ["token_endpoint_auth_signing_alg"] = "RS256",
        ["jwks"] = new JsonObject { ["keys"] = new JsonArray(key.DeepClone()) },
        ["grant_types"] = new JsonArray("authorization_code", "refresh_token"),
        ["response_types"] = new JsonArray("code"),
        ["redirect_uris"] = new JsonArray(new Uri(app, "signin-oidc").ToString()),
        ["post_logout_redirect_uris"] = new JsonArray(new Uri(app, "signout-callback-oidc").ToString()),
        ["backchannel_logout_uri"] = new Uri(app, "authentication/backchannel-logout").ToString(),
        ["backchannel_logout_session_required"] = true,
    };

    protected override IReadOnlyDictionary<string, string> AppSettings(Uri issuer) => new Dictionary<string, string>
    {
        ["Authentication__Oidc__ClientId"] = ClientId,
        ["Authentication__Oidc__ClientCertificate__Path"] = CertificatePath,
        ["Authentication__Oidc__RoleClaims__0"] = "realm_access.roles",
        ["Authentication__Oidc__RoleMap__patchwork-practitioner"] = "Practitioner",
        ["Authentication__Oidc__RoleMap__patchwork-coordinator"] = "Coordinator",
    };

    private static JsonObject Account(string sub, string email, bool verified, string role) => new()
    {
        ["password"] = Password,
        ["claims"] = new JsonObject
        {
            ["sub"] = sub,
            ["email"] = email,
            ["email_verified"] = verified,
            ["preferred_username"] = email.Split('@')[0].Split('.')[0],
            ["name"] = email.Split('@')[0],
            ["realm_access"] = new JsonObject { ["roles"] = new JsonArray("default-roles-northvale", "offline_access", "uma_authorization", role) },
        },
    };

    private static X509Certificate2 NewCertificate()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=patchwork-web", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(2));
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>The certificate's public key as a JWK, its key id the thumbprint the app's assertions name.</summary>
    private static JsonObject PublicJwk(X509Certificate2 certificate)
    {
        var parameters = certificate.GetRSAPublicKey()!.ExportParameters(includePrivateParameters: false);
        return new JsonObject
        {
            ["kty"] = "RSA",
            ["use"] = "sig",
            ["alg"] = "RS256",
            ["kid"] = certificate.Thumbprint,
            ["n"] = Base64Url(parameters.Modulus!),
            ["e"] = Base64Url(parameters.Exponent!),
        };
    }
}

/// <summary>Real sign-ins in Chromium against the Keycloak-shaped provider, the app proving itself with a certificate.</summary>
public sealed class KeycloakSignInTests(KeycloakRealm realm) : IClassFixture<KeycloakRealm>
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Realm_roles_in_realm_access_make_a_practitioner_and_a_coordinator()
    {
        await using var samContext = await realm.NewContextAsync();
        var sam = await realm.SignedInPageAsync(samContext, KeycloakRealm.Sam, "/coordinator");
        await Expect(sam.GetByRole(AriaRole.Alert)).ToContainTextAsync("open to coordinators only");

        await using var joContext = await realm.NewContextAsync();
        var jo = await realm.SignedInPageAsync(joContext, KeycloakRealm.Jo, "/coordinator");
        await Expect(jo.GetByRole(AriaRole.Navigation, new() { Name = "Coordinator's lists" })).ToBeVisibleAsync();
        await Expect(jo.GetByText("open to coordinators only")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task An_email_the_provider_says_is_not_verified_is_refused()
    {
        await using var context = await realm.NewContextAsync();
        var page = await realm.SignedInPageAsync(context, KeycloakRealm.Hannah, "/network/P001");

        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Your email is not verified");
        await Expect(page.GetByText("hannah.lees@northvale.gov.uk")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task The_app_proves_itself_with_its_certificate_and_the_provider_refuses_another_key()
    {
        await using (var context = await realm.NewContextAsync())
        {
            var page = await realm.SignedInPageAsync(context, KeycloakRealm.Sam, "/network/P001");
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Ava Turner");
        }

        // The realm's client takes only private_key_jwt: the code was redeemed with an assertion its key verifies.
        var grants = await realm.Provider.GrantsAsync(Cancellation);
        Assert.Contains(grants, g => g!["grant_type"]?.GetValue<string>() == "authorization_code" && g["client"]?.GetValue<string>() == KeycloakRealm.ClientId && g["error"] is null);

        await realm.RestartProviderAsync(KeycloakRealm.Registration(realm.BaseUrl, realm.OtherKey));
        try
        {
            await using var context = await realm.NewContextAsync();
            var page = await context.NewPageAsync();
            await page.GotoAsync("/network/P001");

            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Sign-in is not set up correctly");
            var reference = await page.Locator("strong").InnerTextAsync();
            Assert.Contains($"reference {reference}", realm.App.Output, StringComparison.Ordinal);
            Assert.Contains("invalid_client", realm.App.Output, StringComparison.Ordinal);
        }
        finally
        {
            await realm.RestoreProviderAsync();
        }
    }

    [Fact]
    public async Task Signing_out_at_the_provider_ends_the_session_for_every_copy_of_its_cookie()
    {
        await using var first = await realm.NewContextAsync();
        var page = await realm.SignedInPageAsync(first, KeycloakRealm.Jo, "/coordinator");
        await Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "Coordinator's lists" })).ToBeVisibleAsync();
        // A second browser holding the same cookies, as a copied cookie would.
        await using var copy = await realm.NewContextAsync(await first.StorageStateAsync());
        var copied = await copy.NewPageAsync();
        await copied.GotoAsync("/coordinator");
        await Expect(copied.GetByRole(AriaRole.Navigation, new() { Name = "Coordinator's lists" })).ToBeVisibleAsync();
        var delivered = (await realm.Provider.BackchannelAsync(Cancellation)).Count;

        // At the provider, the person signs out of the realm; it posts the logout token before it answers.
        await page.GotoAsync(realm.Provider.Issuer + "/session/end");
        await page.GetByRole(AriaRole.Button, new() { Name = "Yes, sign me out" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/session/end/success"));
        var logout = (await realm.Provider.BackchannelAsync(Cancellation)).Skip(delivered).Single()!;
        Assert.True(logout["ok"]!.GetValue<bool>(), logout.ToJsonString());
        Assert.NotNull(logout["sid"]);

        foreach (var signedOut in (IPage[])[copied, page])
        {
            await signedOut.GotoAsync(new Uri(realm.BaseUrl, "coordinator").ToString());
            await signedOut.WaitForURLAsync(url => url.Contains("/interaction/", StringComparison.Ordinal));
            await Expect(signedOut.GetByLabel("Username")).ToBeVisibleAsync();
        }
    }
}
