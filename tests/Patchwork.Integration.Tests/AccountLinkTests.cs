using Microsoft.Extensions.DependencyInjection;
using Patchwork.Graph.Access;
using Patchwork.Graph.Audit;

namespace Patchwork.Integration.Tests;

/// <summary>
/// A professional is linked to the provider's issuer and subject at their first sign-in by work email; later sign-ins
/// match by issuer and subject first, and another account carrying the same email is refused. The development
/// provider's subject is the professional's id.
/// </summary>
public sealed class AccountLinkTests : IAsyncDisposable
{
    private const string Sam = "sam.adeyemi@northvale.gov.uk";
    private readonly PatchworkAppFactory app = new();

    public ValueTask DisposeAsync() => app.DisposeAsync();

    private IIdentityLinks Links => app.Services.GetRequiredService<IIdentityLinks>();

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_first_sign_in_links_the_account_and_the_next_one_uses_the_link()
    {
        var first = await new AppBrowser(app.CreateClient()).SignInAsync(Sam, startAt: "/");
        Assert.Equal("/", first.RequestMessage!.RequestUri!.AbsolutePath);

        var links = await Links.ForProfessionalAsync("PR001", Cancellation);
        var link = Assert.Single(links);
        Assert.Equal("PR001", link.Subject);
        Assert.EndsWith("/dev-identity/", link.Issuer, StringComparison.Ordinal);
        var trail = await app.Services.GetRequiredService<IAuditTrail>().RecentAsync(20, Cancellation);
        Assert.Contains(trail, r => r.Entry.Action == AuditActions.SignIn && r.Entry.Details == $"account PR001 at {link.Issuer} linked by work email");

        var again = await new AppBrowser(app.CreateClient()).SignInAsync(Sam, startAt: "/");
        Assert.Equal("/", again.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.Single(await Links.ForProfessionalAsync("PR001", Cancellation));
    }

    [Fact]
    public async Task A_later_sign_in_matches_by_issuer_and_subject_before_email()
    {
        await new AppBrowser(app.CreateClient()).SignInAsync(Sam, startAt: "/");
        var issuer = Assert.Single(await Links.ForProfessionalAsync("PR001", Cancellation)).Issuer;
        // Jo's account (subject PR030) is linked to Sam's record: the subject decides, not the email its token carries.
        Assert.Equal(1, await Links.UnlinkAsync("PR001", issuer, Cancellation));
        Assert.True(await Links.LinkAsync(new IdentityLink(issuer, "PR030", "PR001", Sam, DateTimeOffset.UtcNow), Cancellation));

        var landing = await new AppBrowser(app.CreateClient()).SignInAsync("jo.whitfield@northvale.gov.uk", startAt: "/");

        Assert.Equal("/", landing.RequestMessage!.RequestUri!.AbsolutePath);
        var signIn = (await app.Services.GetRequiredService<IAuditTrail>().RecentAsync(5, Cancellation)).First(r => r.Entry.Action == AuditActions.SignIn);
        Assert.Equal(("PR001", "Sam Adeyemi"), (signIn.Entry.Actor, signIn.Entry.ActorName));
    }

    [Fact]
    public async Task A_second_account_with_the_same_email_is_refused_and_the_page_names_the_fix()
    {
        var issuer = await IssuerAsync();
        Assert.True(await Links.LinkAsync(new IdentityLink(issuer, "an-older-account", "PR001", Sam, DateTimeOffset.UtcNow), Cancellation));

        var browser = new AppBrowser(app.CreateClient());
        var landing = await browser.SignInAsync(Sam, startAt: "/network/P001");
        var html = await landing.Content.ReadAsStringAsync(Cancellation);

        Assert.Equal("/account/not-linked", landing.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.Contains("This account is not the one Patchwork knows", html, StringComparison.Ordinal);
        Assert.Contains($"patchwork professionals unlink --email {Sam}", html, StringComparison.Ordinal);
        Assert.NotEqual(System.Net.HttpStatusCode.OK, (await browser.Client.GetAsync("/network/P001/team.csv", Cancellation)).StatusCode);
        Assert.Equal("an-older-account", Assert.Single(await Links.ForProfessionalAsync("PR001", Cancellation)).Subject);
        var trail = await app.Services.GetRequiredService<IAuditTrail>().RecentAsync(20, Cancellation);
        Assert.Contains(trail, r => r.Entry.Action == AuditActions.SignIn && r.Entry.Details!.StartsWith("refused: the professional with this email already signs in with another account", StringComparison.Ordinal));
    }

    /// <summary>The development provider's issuer, as a first sign-in of another professional records it.</summary>
    private async Task<string> IssuerAsync()
    {
        await new AppBrowser(app.CreateClient()).SignInAsync("dev.patel@northvale.gov.uk", startAt: "/");
        return Assert.Single(await Links.ForProfessionalAsync("PR031", Cancellation)).Issuer;
    }
}
