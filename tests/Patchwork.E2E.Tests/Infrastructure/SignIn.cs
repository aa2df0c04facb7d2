using Microsoft.Playwright;

namespace Patchwork.E2E.Tests.Infrastructure;

/// <summary>Signs in the way a person does: through the development identity provider's own sign-in form.</summary>
internal static class SignIn
{
    /// <summary>On the provider's sign-in page (where any page of a signed-out app leads), signs in and waits to be sent back.</summary>
    public static async Task CompleteAsync(IPage page, string email)
    {
        await page.WaitForURLAsync(url => url.Contains("/dev-identity/signin", StringComparison.Ordinal));
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(DemoData.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/dev-identity/", StringComparison.Ordinal));
    }
}
