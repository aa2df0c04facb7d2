using Microsoft.Playwright;

namespace Patchwork.E2E.Tests.Infrastructure;

/// <summary>A second person's browser in a test: its page stands in for the person, and disposing closes it.</summary>
public sealed class OtherBrowser(IBrowserContext context, IPage page) : IAsyncDisposable
{
    public IPage Page { get; } = page;

    public ILocator GetByRole(AriaRole role, PageGetByRoleOptions? options = null) => Page.GetByRole(role, options);

    public ILocator GetByLabel(string text) => Page.GetByLabel(text);

    public ILocator Locator(string selector) => Page.Locator(selector);

    public ValueTask DisposeAsync() => context.DisposeAsync();
}
