using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Patchwork.E2E.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Patchwork.E2E.Tests;

/// <summary>
/// The app of these tests reads the email from the provider's subject claim, which the development provider sets to the
/// professional's id: every account signs in, and none links to a professional.
/// </summary>
public sealed class NotLinkedApp : PatchworkApp
{
    protected override IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>
    {
        ["Authentication__Session__IdleTimeout"] = "10:00:00",
        ["Authentication__Oidc__EmailClaims__0"] = "sub",
    };
}

/// <summary>A signed-in account that links to no professional, as the browser shows it.</summary>
public sealed class NotLinkedTests(NotLinkedApp app) : BrowserTest(app), IClassFixture<NotLinkedApp>
{
    [Fact]
    public async Task An_account_linked_to_no_professional_is_sent_to_the_not_linked_page_which_both_accessibility_engines_pass()
    {
        await OpenAsync("/network/P001");

        await Expect(Page).ToHaveURLAsync(new Regex("/account/not-linked(\\?|$)"));
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Your account is not linked");
        await Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Sign out" })).ToBeVisibleAsync();
        await AssertNoViolationsAsync();
    }
}
