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

    [Fact]
    public async Task Production_with_system_clients_and_no_issuer_for_their_tokens_refuses_to_start()
    {
        await using var app = new PatchworkAppFactory("Production", new Dictionary<string, string?>
        {
            ["Authentication:Oidc:Authority"] = "https://login.northvale.example/tenant/v2.0",
            ["Authentication:Oidc:ClientId"] = "patchwork",
            ["Authentication:Oidc:ClientSecret"] = "a client secret",
            ["Patchwork:Api:Clients:school-mis:Agency"] = "A07",
            ["Patchwork:Api:Clients:school-mis:Scopes:0"] = "patchwork.read",
        });

        var exception = Assert.ThrowsAny<Exception>(() => app.CreateClient());

        Assert.Contains("Authentication:Api:Authority must be the identity provider that issues the system clients' tokens", Flatten(exception), StringComparison.Ordinal);
    }

    private static string Flatten(Exception exception) =>
        exception is AggregateException aggregate
            ? string.Join("\n", aggregate.Flatten().InnerExceptions.Select(Flatten))
            : exception.Message + (exception.InnerException is null ? "" : "\n" + Flatten(exception.InnerException));
}
