using System.Net;

namespace Patchwork.Integration.Tests;

/// <summary>
/// Roles and email read from the provider's claims as configuration says, through a real sign-in with the
/// development provider (which sends Patchwork's role names in <c>roles</c> and the work email in <c>email</c>).
/// </summary>
public sealed class ClaimMappingTests
{
    private static async Task<(HttpResponseMessage Landing, string Html, AppBrowser Browser)> SignInAsync(PatchworkAppFactory app, string email, string startAt)
    {
        var browser = new AppBrowser(app.CreateClient());
        var landing = await browser.SignInAsync(email, startAt: startAt);
        return (landing, await landing.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), browser);
    }

    [Fact]
    public async Task A_role_map_gives_the_mapped_role_and_is_the_only_source_of_roles()
    {
        // Sam is a practitioner in the store; the map makes the provider's "Practitioner" a coordinator.
        await using var app = new PatchworkAppFactory(settings: new Dictionary<string, string?> { ["Authentication:Oidc:RoleMap:Practitioner"] = "Coordinator" });

        var (_, _, browser) = await SignInAsync(app, "sam.adeyemi@northvale.gov.uk", "/");
        var list = await browser.Client.GetAsync("/coordinator/no-lead.csv", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
    }

    [Fact]
    public async Task A_user_with_no_mapped_role_is_told_exactly_that()
    {
        await using var app = new PatchworkAppFactory(settings: new Dictionary<string, string?> { ["Authentication:Oidc:RoleMap:Patchwork.Coordinator"] = "Coordinator" });

        var (landing, html, browser) = await SignInAsync(app, "sam.adeyemi@northvale.gov.uk", "/network/P001");

        Assert.Equal("/account/not-linked", landing.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.Contains("Your account has no Patchwork role", html, StringComparison.Ordinal);
        Assert.Contains("Authentication:Oidc:RoleMap", html, StringComparison.Ordinal);
        var page = await browser.Client.GetAsync("/network/P001/team.csv", TestContext.Current.CancellationToken);
        Assert.NotEqual(HttpStatusCode.OK, page.StatusCode);
    }

    [Fact]
    public async Task A_sign_in_without_any_configured_email_claim_names_the_claims_to_fix()
    {
        await using var app = new PatchworkAppFactory(settings: new Dictionary<string, string?> { ["Authentication:Oidc:EmailClaims:0"] = "upn" });

        var (landing, html, _) = await SignInAsync(app, "sam.adeyemi@northvale.gov.uk", "/");

        Assert.Equal("/account/not-linked", landing.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.Contains("Your sign-in did not include an email", html, StringComparison.Ordinal);
        Assert.Contains("the claims upn, in that", html, StringComparison.Ordinal);
        Assert.Contains("Authentication:Oidc:EmailClaims", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_role_map_value_that_is_no_role_stops_the_app_at_start_with_the_key_named()
    {
        await using var app = new PatchworkAppFactory(settings: new Dictionary<string, string?> { ["Authentication:Oidc:RoleMap:Patchwork.Boss"] = "Boss" });

        var failure = Assert.ThrowsAny<Exception>(() => app.CreateClient());

        Assert.Contains("Authentication:Oidc:RoleMap", failure.ToString(), StringComparison.Ordinal);
    }
}
