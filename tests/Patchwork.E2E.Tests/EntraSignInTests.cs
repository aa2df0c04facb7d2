using System.Text.Json.Nodes;
using Microsoft.Playwright;
using Patchwork.E2E.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Patchwork.E2E.Tests;

/// <summary>
/// The certified oidc-provider shaped like a council's Entra ID tenant: issuer <c>/{tenant}/v2.0</c>, a user's stable
/// <c>oid</c> beside an app-specific <c>sub</c>, app-role values in <c>roles</c>, group object ids in <c>groups</c>, the
/// UPN in <c>preferred_username</c> and <c>upn</c> and no <c>email</c>; refresh tokens only for <c>offline_access</c>; a
/// client secret. Configured as docs/identity.md tells an identity engineer to.
/// </summary>
public sealed class EntraTenant : ProviderSignInApp
{
    public const string TenantId = "5f2b7c1e-8d4a-4b6e-9c3f-2a1d0e9b8c7a";
    public const string ClientId = "0b8e6f3a-1c2d-4e5f-8a9b-7c6d5e4f3a2b";
    public const string Secret = "entra-client-secret-value";
    public const string CoordinatorsGroup = "9a1b2c3d-4e5f-4a6b-8c7d-1e2f3a4b5c6d";
    public const string AllStaffGroup = "3c4d5e6f-7a8b-4c9d-8e1f-2a3b4c5d6e7f";

    /// <summary>Sam, a practitioner by the app role Patchwork.Practitioner; the UPN is the work email.</summary>
    public const string Sam = "sam.adeyemi@northvale.gov.uk";

    /// <summary>Jo, a coordinator through the coordinators group's object id, with no app role.</summary>
    public const string Jo = "jo.whitfield@northvale.gov.uk";

    /// <summary>Another account at the tenant whose UPN is also Sam's work email (a re-created account).</summary>
    public const string SamAgain = "sam.adeyemi.new";

    /// <summary>Hannah, a social worker, in no mapped group and with no app role.</summary>
    public const string Hannah = "hannah.lees@northvale.gov.uk";

    /// <summary>A service account with no email claim at all.</summary>
    public const string NoEmail = "svc-reception";

    /// <summary>Gemma, a practitioner in the store made a coordinator by the app role Patchwork.Coordinator.</summary>
    public const string Gemma = "gemma.fox@northvale.gov.uk";

    /// <summary>Marcus, whom the tenant refuses: the app requires assignment and he is assigned no role.</summary>
    public const string Marcus = "marcus.bell@northvale.gov.uk";

    /// <summary>What Entra ID says at the redirect URI about a user not assigned to the app.</summary>
    public const string NotAssigned =
        "AADSTS50105: Your administrator has configured the application Patchwork ('" + ClientId + "') to block users unless they are specifically granted ('assigned') access to the application. "
        + "The signed in user '" + Marcus + "' is blocked because they are not a direct member of a group with access, nor had access directly assigned by an administrator.";

    protected override string IssuerPath => $"/{TenantId}/v2.0";

    // Entra ID issues refresh tokens for offline_access and offers no pushed authorization requests.
    protected override JsonObject Shape => new() { ["refreshTokens"] = "offline_access", ["pushedAuthorizationRequests"] = false };

    protected override JsonObject Accounts => new()
    {
        [Sam] = Account("AAAAAAAAAAAAAAAAAAAAAHsamPairwise", "1f0c2d3e-0000-4000-8000-00000000a001", Sam, "Sam Adeyemi", roles: ["Patchwork.Practitioner"], groups: [AllStaffGroup]),
        [Jo] = Account("AAAAAAAAAAAAAAAAAAAAAHjoPairwise", "1f0c2d3e-0000-4000-8000-00000000a002", Jo, "Jo Whitfield", roles: null, groups: [CoordinatorsGroup, AllStaffGroup]),
        [SamAgain] = Account("AAAAAAAAAAAAAAAAAAAAAHsamSecond", "1f0c2d3e-0000-4000-8000-00000000a003", Sam, "Sam Adeyemi", roles: ["Patchwork.Practitioner"], groups: null),
        [Hannah] = Account("AAAAAAAAAAAAAAAAAAAAAHhannahPair", "1f0c2d3e-0000-4000-8000-00000000a004", Hannah, "Hannah Lees", roles: null, groups: [AllStaffGroup]),
        [NoEmail] = new JsonObject
        {
            ["password"] = Password,
            ["claims"] = new JsonObject { ["sub"] = "AAAAAAAAAAAAAAAAAAAAAHsvcPairwis", ["oid"] = "1f0c2d3e-0000-4000-8000-00000000a005", ["tid"] = TenantId, ["name"] = "Reception kiosk" },
        },
        [Gemma] = Account("AAAAAAAAAAAAAAAAAAAAAHgemmaPairw", "1f0c2d3e-0000-4000-8000-00000000a006", Gemma, "Gemma Fox", roles: ["Patchwork.Coordinator"], groups: [AllStaffGroup]),
        [Marcus] = Account("AAAAAAAAAAAAAAAAAAAAAHmarcusPair", "1f0c2d3e-0000-4000-8000-00000000a007", Marcus, "Marcus Bell", roles: null, groups: null, refuse: NotAssigned),
    };

    protected internal override JsonObject Client(Uri app) => Registration(app, Secret);

    /// <summary>The app registration with <paramref name="secret"/> as its client secret.</summary>
    internal static JsonObject Registration(Uri app, string secret) => new()
    {
        ["client_id"] = ClientId,
        ["client_secret"] = secret,
        ["token_endpoint_auth_method"] = "client_secret_post",
        ["grant_types"] = new JsonArray("authorization_code", "refresh_token"),
        ["response_types"] = new JsonArray("code"),
        ["redirect_uris"] = new JsonArray(new Uri(app, "signin-oidc").ToString()),
        ["post_logout_redirect_uris"] = new JsonArray(new Uri(app, "signout-callback-oidc").ToString()),
    };

    protected override IReadOnlyDictionary<string, string> AppSettings(Uri issuer) => new Dictionary<string, string>
    {
        ["Authentication__Oidc__ClientId"] = ClientId,
        ["Authentication__Oidc__ClientSecret"] = Secret,
        ["Authentication__Oidc__Scopes"] = "openid profile email offline_access",
        ["Authentication__Oidc__RoleClaims__0"] = "roles",
        ["Authentication__Oidc__RoleClaims__1"] = "groups",
        ["Authentication__Oidc__RoleMap__Patchwork.Practitioner"] = "Practitioner",
        ["Authentication__Oidc__RoleMap__Patchwork.Coordinator"] = "Coordinator",
        [$"Authentication__Oidc__RoleMap__{CoordinatorsGroup}"] = "Coordinator",
        // Small, so a test sees the app ask the provider again within seconds.
        ["Authentication__Session__RevalidateEvery"] = "00:00:03",
    };

    private static JsonObject Account(string sub, string oid, string upn, string name, string[]? roles, string[]? groups, string? refuse = null)
    {
        var claims = new JsonObject
        {
            ["sub"] = sub,
            ["oid"] = oid,
            ["tid"] = TenantId,
            ["name"] = name,
            ["preferred_username"] = upn,
            ["upn"] = upn,
        };
        if (roles is not null)
        {
            claims["roles"] = new JsonArray([.. roles.Select(r => JsonValue.Create(r))]);
        }

        if (groups is not null)
        {
            claims["groups"] = new JsonArray([.. groups.Select(g => JsonValue.Create(g))]);
        }

        var account = new JsonObject { ["password"] = Password, ["claims"] = claims };
        if (refuse is not null)
        {
            // The provider checks the password, then refuses the account with this description (provider.mjs).
            account["refuse"] = refuse;
        }

        return account;
    }
}

/// <summary>Real sign-ins in Chromium against the Entra-shaped provider.</summary>
public sealed class EntraSignInTests(EntraTenant tenant) : IClassFixture<EntraTenant>
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_practitioner_by_app_role_is_refused_the_coordinator_dashboard_and_a_coordinator_by_group_sees_it()
    {
        await using var samContext = await tenant.NewContextAsync();
        var sam = await tenant.SignedInPageAsync(samContext, EntraTenant.Sam, "/coordinator");
        await Expect(sam.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Coordinator dashboard");
        await Expect(sam.GetByRole(AriaRole.Alert)).ToContainTextAsync("open to coordinators only");

        await using var joContext = await tenant.NewContextAsync();
        var jo = await tenant.SignedInPageAsync(joContext, EntraTenant.Jo, "/coordinator");
        await Expect(jo.GetByRole(AriaRole.Navigation, new() { Name = "Coordinator's lists" })).ToBeVisibleAsync();
        await Expect(jo.GetByText("open to coordinators only")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task A_practitioner_in_the_store_with_the_app_role_Patchwork_Coordinator_sees_the_coordinator_dashboard()
    {
        await using var context = await tenant.NewContextAsync();
        var gemma = await tenant.SignedInPageAsync(context, EntraTenant.Gemma, "/coordinator");

        await Expect(gemma.GetByRole(AriaRole.Navigation, new() { Name = "Coordinator's lists" })).ToBeVisibleAsync();
        await Expect(gemma.GetByText("open to coordinators only")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task An_account_the_provider_refuses_as_not_assigned_sees_it_was_not_let_in_and_is_not_signed_in()
    {
        await using var context = await tenant.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync("/coordinator");
        var refused = page.WaitForResponseAsync(r => r.Url.StartsWith(new Uri(tenant.BaseUrl, "authentication/problem/refused").ToString(), StringComparison.Ordinal));
        await tenant.SignInAtProviderAsync(page, EntraTenant.Marcus);

        Assert.Equal(403, (await refused).Status);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Your account was not let in");
        await Expect(page.GetByText("Ask your administrator to give your account access to Patchwork.")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Sign in again" })).ToBeVisibleAsync();
        // The log has the provider's own words, so the administrator sees which account and why.
        Assert.Contains("Refused; provider error access_denied: AADSTS50105", tenant.App.Output, StringComparison.Ordinal);
        Assert.Contains($"The signed in user '{EntraTenant.Marcus}'", tenant.App.Output, StringComparison.Ordinal);

        // No session came of it: a protected page sends him to the provider to sign in again.
        await page.GotoAsync("/coordinator");
        await page.WaitForURLAsync(url => url.StartsWith(tenant.Provider.Issuer.ToString(), StringComparison.Ordinal) && url.Contains("/interaction/", StringComparison.Ordinal));
        await Expect(page.GetByLabel("Username")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Without_an_email_claim_the_UPN_in_preferred_username_finds_the_professional()
    {
        await using var context = await tenant.NewContextAsync();
        var page = await tenant.SignedInPageAsync(context, EntraTenant.Sam, "/network/P001");

        // Sam is Ava's lead social worker: her network opens only for the professional the UPN names.
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Ava Turner");
    }

    [Fact]
    public async Task An_account_with_none_of_the_email_claims_is_told_so_and_where_to_fix_it()
    {
        await using var context = await tenant.NewContextAsync();
        var page = await tenant.SignedInPageAsync(context, EntraTenant.NoEmail);

        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Your sign-in did not include an email");
        await Expect(page.GetByText("Authentication:Oidc:EmailClaims")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_second_account_with_the_same_email_but_another_oid_is_refused()
    {
        // Sam's own account signs in first, so the professional is linked to its oid whatever ran before.
        await using (var first = await tenant.NewContextAsync())
        {
            var sam = await tenant.SignedInPageAsync(first, EntraTenant.Sam, "/network/P001");
            await Expect(sam.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Ava Turner");
        }

        await using var second = await tenant.NewContextAsync();
        var page = await tenant.SignedInPageAsync(second, EntraTenant.SamAgain, "/network/P001");

        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("This account is not the one Patchwork knows");
        await Expect(page.GetByText($"patchwork professionals unlink --email {EntraTenant.Sam}")).ToBeVisibleAsync();
        Assert.Contains("1f0c2d3e-0000-4000-8000-00000000a003", tenant.App.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_account_in_no_mapped_group_and_with_no_app_role_is_told_it_has_no_Patchwork_role()
    {
        await using var context = await tenant.NewContextAsync();
        var page = await tenant.SignedInPageAsync(context, EntraTenant.Hannah);

        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Your account has no Patchwork role");
        // The unmapped group id is logged with the claim it came in, so the engineer can map it.
        Assert.Contains($"'{EntraTenant.AllStaffGroup}' in the claim 'groups'", tenant.App.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_session_is_renewed_with_the_provider_and_ends_once_the_provider_revokes_the_grant()
    {
        await using var context = await tenant.NewContextAsync();
        var page = await tenant.SignedInPageAsync(context, EntraTenant.Jo, "/coordinator");
        await Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "Coordinator's lists" })).ToBeVisibleAsync();
        var jo = "AAAAAAAAAAAAAAAAAAAAAHjoPairwise";
        var renewalsBefore = await RenewalsAsync(jo);

        // Past RevalidateEvery (3 s) the next request renews the tokens at the provider and the session stands.
        await UntilAsync(async () =>
        {
            await page.GotoAsync("/coordinator");
            return await RenewalsAsync(jo) > renewalsBefore;
        }, "the app renewed Jo's tokens at the provider");
        await Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "Coordinator's lists" })).ToBeVisibleAsync();

        await tenant.Provider.RevokeAsync(EntraTenant.Jo, Cancellation);

        // At the next revalidation the provider refuses, and the person is sent to sign in again.
        await UntilAsync(async () =>
        {
            await page.GotoAsync("/coordinator");
            return page.Url.Contains("/interaction/", StringComparison.Ordinal);
        }, "the app ended Jo's session after the provider revoked the grant");
        await Expect(page.GetByLabel("Username")).ToBeVisibleAsync();
        Assert.Contains("refused to renew a session's tokens (invalid_grant", tenant.App.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_person_who_cancels_at_the_provider_sees_sign_in_cancelled()
    {
        await using var context = await tenant.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");
        await page.WaitForURLAsync(url => url.Contains("/interaction/", StringComparison.Ordinal));

        await page.GetByRole(AriaRole.Link, new() { Name = "Cancel" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Sign-in cancelled");
        Assert.StartsWith(new Uri(tenant.BaseUrl, "authentication/problem/cancelled").ToString(), page.Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_client_secret_shows_the_configuration_page_with_a_reference_that_the_log_explains()
    {
        await tenant.RestartProviderAsync(EntraTenant.Registration(tenant.BaseUrl, "a-secret-the-app-does-not-know"));
        try
        {
            await using var context = await tenant.NewContextAsync();
            var page = await tenant.SignedInPageAsync(context, EntraTenant.Sam);

            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Sign-in is not set up correctly");
            var reference = await page.Locator("strong").InnerTextAsync();
            Assert.Matches("^[A-Za-z0-9-]{4,}$", reference);
            Assert.Contains($"ref={reference}", new Uri(page.Url).Query, StringComparison.Ordinal);
            Assert.Contains($"reference {reference}", tenant.App.Output, StringComparison.Ordinal);
            Assert.Contains("invalid_client", tenant.App.Output, StringComparison.Ordinal);
        }
        finally
        {
            await tenant.RestoreProviderAsync();
        }
    }

    [Fact]
    public async Task With_the_provider_down_healthz_is_Degraded_and_signing_in_shows_the_503_page()
    {
        await tenant.Provider.StopAsync();
        try
        {
            // The app keeps the provider's last answer for a short while; it notices the outage at the next probe.
            await UntilAsync(tenant.HealthIsDegradedAsync, "/healthz said Degraded", TimeSpan.FromSeconds(45));

            await using var context = await tenant.NewContextAsync();
            var page = await context.NewPageAsync();
            var response = await page.GotoAsync("/coordinator");

            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("The sign-in service is not answering");
            await Expect(page.GetByText("Try again in a few minutes")).ToBeVisibleAsync();
            Assert.Equal(503, response!.Status);
        }
        finally
        {
            await tenant.RestoreProviderAsync();
        }
    }

    private async Task<int> RenewalsAsync(string sub) =>
        (await tenant.Provider.GrantsAsync(Cancellation)).Count(g => g!["grant_type"]?.GetValue<string>() == "refresh_token" && g["sub"]?.GetValue<string>() == sub);

    /// <summary>Repeats <paramref name="step"/> (each a real request) until it holds; bounded, and says what never happened.</summary>
    internal static async Task UntilAsync(Func<Task<bool>> step, string what, TimeSpan? within = null)
    {
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(30));
        while (!await step())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Not within {(within ?? TimeSpan.FromSeconds(30)).TotalSeconds:0} s: {what}.");
            await Task.Delay(250, Cancellation);
        }
    }
}
