using System.Net;

namespace Patchwork.Integration.Tests;

/// <summary>A user the identity provider vouches for, but whom no professional in Patchwork matches.</summary>
public sealed class NotLinkedTests : IAsyncDisposable
{
    // The development provider's subject is the professional id: read as the email, it matches no one.
    private readonly PatchworkAppFactory app = new(settings: new Dictionary<string, string?> { ["Authentication:Oidc:EmailClaims:0"] = "sub" });

    public ValueTask DisposeAsync() => app.DisposeAsync();

    [Fact]
    public async Task User_not_linked_to_a_professional_reaches_only_the_not_linked_page()
    {
        var browser = new AppBrowser(app.CreateClient());

        var landing = await browser.SignInAsync("sam.adeyemi@northvale.gov.uk", startAt: "/network/P001");

        Assert.Equal("/account/not-linked", landing.RequestMessage!.RequestUri!.AbsolutePath);
        var html = await landing.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Contains("is not linked to a professional in\n                    Patchwork - ask your administrator", html, StringComparison.Ordinal);
        Assert.Equal("/authentication/logout", AppBrowser.FormOf(html).Action);

        var page = await browser.Client.GetAsync("/network/P001", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Found, page.StatusCode);
        Assert.StartsWith("https://localhost/account/not-linked", page.Headers.Location!.ToString(), StringComparison.Ordinal);
        var hub = await browser.Client.PostAsync("/_blazor/negotiate?negotiateVersion=1", null, TestContext.Current.CancellationToken);
        Assert.NotEqual(HttpStatusCode.OK, hub.StatusCode);
    }
}
