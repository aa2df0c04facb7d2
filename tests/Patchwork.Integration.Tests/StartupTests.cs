namespace Patchwork.Integration.Tests;

public sealed class StartupTests
{
    [Fact]
    public async Task Production_with_the_development_provider_refuses_to_start()
    {
        await using var app = new PatchworkAppFactory("Production", new Dictionary<string, string?> { ["DevIdentity:Enabled"] = "true" });

        var exception = Assert.ThrowsAny<Exception>(() => app.CreateClient());

        Assert.Contains("must not run in Production", Flatten(exception), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Production_without_an_identity_provider_refuses_to_start()
    {
        await using var app = new PatchworkAppFactory("Production");

        var exception = Assert.ThrowsAny<Exception>(() => app.CreateClient());

        Assert.Contains("Authentication:Oidc:Authority", Flatten(exception), StringComparison.Ordinal);
    }

    private static string Flatten(Exception exception) =>
        exception is AggregateException aggregate
            ? string.Join("\n", aggregate.Flatten().InnerExceptions.Select(Flatten))
            : exception.Message + (exception.InnerException is null ? "" : "\n" + Flatten(exception.InnerException));
}
