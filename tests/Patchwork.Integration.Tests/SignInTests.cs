using System.Net;
using System.Text.Json;

namespace Patchwork.Integration.Tests;

/// <summary>Sign-in through the real HTTP pipeline, with the development identity provider in the same app.</summary>
public sealed class SignInTests : IAsyncDisposable
{
    private const string Sam = "sam.adeyemi@northvale.gov.uk";

    private readonly PatchworkAppFactory app = new();

    public ValueTask DisposeAsync() => app.DisposeAsync();

    [Fact]
    public async Task Page_without_sign_in_is_sent_to_the_identity_provider()
    {
        var response = await app.CreateClient().GetAsync("/network/P001", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        var location = response.Headers.Location!;
        Assert.Equal("https://localhost/dev-identity/connect/authorize", location.GetLeftPart(UriPartial.Path));
        Assert.Contains("code_challenge_method=S256", location.Query, StringComparison.Ordinal);
        Assert.Contains("response_type=code", location.Query, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Blazor_hub_needs_a_signed_in_user()
    {
        var response = await app.CreateClient().PostAsync("/_blazor/negotiate?negotiateVersion=1", null, TestContext.Current.CancellationToken);

        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
    }

    [Fact]
    public async Task Healthz_answers_without_sign_in()
    {
        var response = await app.CreateClient().GetAsync("/healthz", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Discovery_document_lists_the_authorization_and_token_endpoints()
    {
        var json = await app.CreateClient().GetStringAsync("/dev-identity/.well-known/openid-configuration", TestContext.Current.CancellationToken);

        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        Assert.Equal("https://localhost/dev-identity/", root.GetProperty("issuer").GetString());
        Assert.Equal("https://localhost/dev-identity/connect/authorize", root.GetProperty("authorization_endpoint").GetString());
        Assert.Equal("https://localhost/dev-identity/connect/token", root.GetProperty("token_endpoint").GetString());
        Assert.Contains("S256", root.GetProperty("code_challenge_methods_supported").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task Signing_in_with_code_and_PKCE_reaches_the_page_asked_for_as_the_professional()
    {
        var browser = new AppBrowser(app.CreateClient());

        var signInPage = await browser.GetAsync("/network/P001");
        var html = await signInPage.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Contains("/dev-identity/signin", signInPage.RequestMessage!.RequestUri!.AbsolutePath, StringComparison.Ordinal);
        Assert.Contains("<label for=\"email\">Email</label>", html, StringComparison.Ordinal);
        Assert.Contains("<label for=\"password\">Password</label>", html, StringComparison.Ordinal);
        Assert.Contains(">Sign in</button>", html, StringComparison.Ordinal);
        Assert.Contains("jo.whitfield@northvale.gov.uk", html, StringComparison.Ordinal);

        var formPost = await browser.SubmitAsync(AppBrowser.FormOf(html), new Dictionary<string, string> { ["email"] = Sam, ["password"] = AppBrowser.Password });
        var page = await browser.PostBackAsync(formPost);

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("/network/P001", page.RequestMessage!.RequestUri!.PathAndQuery);
        Assert.Contains(browser.Visited, uri => uri.AbsolutePath == "/signin-oidc");
        var home = await browser.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        Assert.Contains("Signed in as Sam Adeyemi", await home.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Wrong_password_shows_the_form_again_and_signs_nobody_in()
    {
        var browser = new AppBrowser(app.CreateClient());

        var response = await browser.SignInAsync(Sam, password: "not-the-password");

        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Equal("/dev-identity/signin", response.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.Contains("That email and password do not match a Patchwork account.", html, StringComparison.Ordinal);
        Assert.DoesNotContain(browser.Visited, uri => uri.AbsolutePath == "/signin-oidc");
        Assert.Equal(HttpStatusCode.Found, (await browser.Client.GetAsync("/", TestContext.Current.CancellationToken)).StatusCode);
    }

    [Fact]
    public async Task Unknown_email_gets_the_same_answer_as_a_wrong_password()
    {
        var wrongPassword = await new AppBrowser(app.CreateClient()).SignInAsync(Sam, password: "not-the-password");
        var unknownEmail = await new AppBrowser(app.CreateClient()).SignInAsync("nobody@northvale.gov.uk");

        Assert.Equal(
            Alert(await wrongPassword.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)),
            Alert(await unknownEmail.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)));

        static string Alert(string html) => html[html.IndexOf("role=\"alert\"", StringComparison.Ordinal)..html.IndexOf("</p>", html.IndexOf("role=\"alert\"", StringComparison.Ordinal), StringComparison.Ordinal)];
    }

    [Fact]
    public async Task Sign_in_attempts_beyond_ten_a_minute_are_refused_with_a_clear_429()
    {
        var browser = new AppBrowser(app.CreateClient());
        var form = await AppBrowser.FormOfAsync(await browser.GetAsync("/"));
        var wrong = new Dictionary<string, string> { ["email"] = Sam, ["password"] = "not-the-password" };

        for (var attempt = 1; attempt <= 10; attempt++)
        {
            Assert.Equal(HttpStatusCode.OK, (await browser.SubmitAsync(form, wrong)).StatusCode);
        }

        var refused = await browser.SubmitAsync(form, wrong);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Contains("Too many sign-in attempts", await refused.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Signing_out_ends_the_app_session_and_the_provider_session()
    {
        var browser = new AppBrowser(app.CreateClient());
        var home = await browser.SignInAsync(Sam);
        var signOut = await AppBrowser.FormOfAsync(home);
        Assert.Equal("/authentication/logout", signOut.Action);

        var afterSignOut = await browser.SubmitAsync(signOut);

        Assert.Contains(browser.Visited, uri => uri.AbsolutePath == "/dev-identity/connect/endsession");
        Assert.Contains(browser.Visited, uri => uri.AbsolutePath == "/signout-callback-oidc");
        // Back at the start, the provider asks for the password again.
        Assert.Equal("/dev-identity/signin", afterSignOut.RequestMessage!.RequestUri!.AbsolutePath);
    }

    [Fact]
    public async Task Sign_out_without_an_antiforgery_token_is_refused()
    {
        var browser = new AppBrowser(app.CreateClient());
        await browser.SignInAsync(Sam);

        var response = await browser.Client.PostAsync("/authentication/logout", new FormUrlEncodedContent([]), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.Client.GetAsync("/", TestContext.Current.CancellationToken)).StatusCode);
    }
}
