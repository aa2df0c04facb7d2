using System.Net;
using System.Text.RegularExpressions;

namespace Patchwork.Integration.Tests;

/// <summary>A form as a browser would submit it: where to, and its named fields with their values.</summary>
public sealed record HtmlForm(string Action, Dictionary<string, string> Fields);

/// <summary>
/// Drives the app like a browser without JavaScript: keeps cookies, follows redirects one at a time (so tests can look
/// at each hop), reads forms out of pages and submits them - including OpenIddict's self-submitting form_post page.
/// </summary>
public sealed partial class AppBrowser(HttpClient client)
{
    public const string Password = "patchwork-demo";

    public HttpClient Client { get; } = client;

    /// <summary>Every URL visited, in order.</summary>
    public List<Uri> Visited { get; } = [];

    public async Task<HttpResponseMessage> GetAsync(string url) => await FollowAsync(await SendAsync(HttpMethod.Get, url, null));

    public async Task<HttpResponseMessage> SubmitAsync(HtmlForm form, IReadOnlyDictionary<string, string>? values = null)
    {
        var fields = new Dictionary<string, string>(form.Fields);
        foreach (var (name, value) in values ?? new Dictionary<string, string>())
        {
            fields[name] = value;
        }

        return await FollowAsync(await SendAsync(HttpMethod.Post, form.Action, new FormUrlEncodedContent(fields)));
    }

    /// <summary>From a page that needs sign-in to that page, through the provider's form; returns the last response.</summary>
    public async Task<HttpResponseMessage> SignInAsync(string email, string password = Password, string startAt = "/")
    {
        var signInPage = await GetAsync(startAt);
        var response = await SubmitAsync(await FormOfAsync(signInPage), new Dictionary<string, string> { ["email"] = email, ["password"] = password });
        return await PostBackAsync(response);
    }

    /// <summary>Submits OpenIddict's form_post page to the app's /signin-oidc, as its script would.</summary>
    public async Task<HttpResponseMessage> PostBackAsync(HttpResponseMessage response)
    {
        var html = await response.Content.ReadAsStringAsync();
        if (!html.Contains("signin-oidc", StringComparison.Ordinal))
        {
            return response;
        }

        return await SubmitAsync(FormOf(html));
    }

    public static async Task<HtmlForm> FormOfAsync(HttpResponseMessage response) => FormOf(await response.Content.ReadAsStringAsync());

    /// <summary>The first form of a page.</summary>
    public static HtmlForm FormOf(string html)
    {
        var form = FormPattern().Match(html);
        Assert.True(form.Success, "The page has no form:\n" + html);
        var fields = InputPattern().Matches(form.Groups["body"].Value)
            .Where(input => NamePattern().IsMatch(input.Value))
            .ToDictionary(
                input => WebUtility.HtmlDecode(NamePattern().Match(input.Value).Groups[1].Value),
                input => WebUtility.HtmlDecode(ValuePattern().Match(input.Value) is { Success: true } value ? value.Groups[1].Value : ""));
        return new HtmlForm(WebUtility.HtmlDecode(form.Groups["action"].Value), fields);
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string url, HttpContent? content)
    {
        using var request = new HttpRequestMessage(method, url) { Content = content };
        var response = await Client.SendAsync(request);
        Visited.Add(response.RequestMessage?.RequestUri ?? new Uri(Client.BaseAddress!, url));
        return response;
    }

    private async Task<HttpResponseMessage> FollowAsync(HttpResponseMessage response)
    {
        for (var hops = 0; IsRedirect(response.StatusCode); hops++)
        {
            Assert.True(hops < 10, "Too many redirects: " + string.Join(" -> ", Visited));
            response = await SendAsync(HttpMethod.Get, response.Headers.Location!.ToString(), null);
        }

        return response;
    }

    private static bool IsRedirect(HttpStatusCode status) => (int)status is >= 300 and < 400;

    [GeneratedRegex(@"<form[^>]*\baction=""(?<action>[^""]*)""[^>]*>(?<body>.*?)</form>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex FormPattern();

    [GeneratedRegex("<input[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex InputPattern();

    [GeneratedRegex(@"\bname=""([^""]*)""")]
    private static partial Regex NamePattern();

    [GeneratedRegex(@"\bvalue=""([^""]*)""")]
    private static partial Regex ValuePattern();
}
