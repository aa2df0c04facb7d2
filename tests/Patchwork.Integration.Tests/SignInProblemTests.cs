using System.Net;
using System.Text.RegularExpressions;
using System.Web;

namespace Patchwork.Integration.Tests;

/// <summary>Each way a sign-in fails lands on a page that says what to do, and /healthz says when sign-in is down.</summary>
public sealed partial class SignInProblemTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    /// <summary>The state the app sent to the provider, so a test can answer as the provider would.</summary>
    private static async Task<(HttpClient Client, string State)> StartSignInAsync(PatchworkAppFactory app)
    {
        var client = app.CreateClient();
        var challenge = await client.GetAsync("/authentication/login?returnUrl=/network/P001", Cancellation);
        Assert.Equal(HttpStatusCode.Found, challenge.StatusCode);
        var query = HttpUtility.ParseQueryString(challenge.Headers.Location!.Query);
        return (client, query["state"]!);
    }

    private static async Task<HttpResponseMessage> AnswerAsync(HttpClient client, string state, string error, string description) =>
        await client.PostAsync("/signin-oidc", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["state"] = state,
            ["error"] = error,
            ["error_description"] = description,
        }), Cancellation);

    [Fact]
    public async Task A_person_who_cancels_at_the_provider_is_told_they_are_not_signed_in()
    {
        await using var app = new PatchworkAppFactory();
        var (client, state) = await StartSignInAsync(app);

        var answer = await AnswerAsync(client, state, "access_denied", "The user cancelled the sign-in.");

        Assert.Equal("/authentication/problem/cancelled", answer.Headers.Location!.ToString());
        var page = await client.GetAsync(answer.Headers.Location, Cancellation);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Sign-in cancelled", await page.Content.ReadAsStringAsync(Cancellation), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_account_the_provider_refuses_is_told_to_ask_for_access()
    {
        await using var app = new PatchworkAppFactory();
        var (client, state) = await StartSignInAsync(app);

        var answer = await AnswerAsync(client, state, "access_denied", "AADSTS50105: The signed in user is not assigned to a role for the application.");

        Assert.Equal("/authentication/problem/refused", answer.Headers.Location!.ToString());
        var page = await client.GetAsync(answer.Headers.Location, Cancellation);
        Assert.Equal(HttpStatusCode.Forbidden, page.StatusCode);
        Assert.Contains("Ask your administrator to give your account access to Patchwork", await page.Content.ReadAsStringAsync(Cancellation), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_configuration_fault_tells_the_person_to_tell_the_administrator_with_a_reference()
    {
        await using var app = new PatchworkAppFactory();
        var (client, state) = await StartSignInAsync(app);

        var answer = await AnswerAsync(client, state, "invalid_client", "AADSTS7000215: Invalid client secret provided.");

        var location = answer.Headers.Location!.ToString();
        var reference = ReferencePattern().Match(location);
        Assert.True(reference.Success, location);
        var page = await client.GetAsync(location, Cancellation);
        var html = await page.Content.ReadAsStringAsync(Cancellation);
        Assert.Equal(HttpStatusCode.InternalServerError, page.StatusCode);
        Assert.Contains("tell your administrator", html, StringComparison.Ordinal);
        Assert.Contains($"<strong>{reference.Groups[1].Value}</strong>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_answer_that_comes_back_without_the_state_the_app_sent_starts_again()
    {
        await using var app = new PatchworkAppFactory();
        var client = app.CreateClient();

        var answer = await AnswerAsync(client, "not-a-state-this-app-made", "server_error", "x");

        Assert.StartsWith("/authentication/problem/", answer.Headers.Location!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_provider_that_does_not_answer_gives_a_503_page_and_healthz_says_degraded()
    {
        // No development provider: the configured authority has no discovery document to read.
        await using var app = new PatchworkAppFactory(settings: new Dictionary<string, string?>
        {
            ["DevIdentity:Enabled"] = "false",
            ["Authentication:Oidc:Authority"] = "https://127.0.0.1:9/realms/northvale",
        });
        var client = app.CreateClient();

        var page = await client.GetAsync("/network/P001", Cancellation);
        Assert.Equal("/authentication/problem/unavailable", page.Headers.Location!.ToString());
        var problem = await client.GetAsync(page.Headers.Location, Cancellation);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, problem.StatusCode);
        Assert.Contains("Try again in a few minutes", await problem.Content.ReadAsStringAsync(Cancellation), StringComparison.Ordinal);

        var health = await client.GetAsync("/healthz", Cancellation);
        Assert.Equal("Degraded", await health.Content.ReadAsStringAsync(Cancellation));
    }

    [Fact]
    public async Task With_the_provider_answering_healthz_is_healthy()
    {
        await using var app = new PatchworkAppFactory();
        var client = app.CreateClient();

        var health = await client.GetAsync("/healthz", Cancellation);

        Assert.Equal("Healthy", await health.Content.ReadAsStringAsync(Cancellation));
    }

    [Fact]
    public async Task The_problem_page_never_echoes_a_reference_it_did_not_make_and_reads_an_unknown_kind_as_a_fault()
    {
        await using var app = new PatchworkAppFactory();
        var client = app.CreateClient();

        var page = await client.GetAsync("/authentication/problem/7?ref=%3Cscript%3Ealert(1)%3C%2Fscript%3E", Cancellation);
        var html = await page.Content.ReadAsStringAsync(Cancellation);

        Assert.Equal(HttpStatusCode.InternalServerError, page.StatusCode);
        Assert.Contains("Sign-in is not set up correctly", html, StringComparison.Ordinal);
        Assert.DoesNotContain("alert(1)", html, StringComparison.Ordinal);
    }

    [GeneratedRegex("^/authentication/problem/configuration\\?ref=([0-9A-F]{8})$")]
    private static partial Regex ReferencePattern();
}
