namespace Patchwork.E2E.Tests.Infrastructure;

/// <summary>
/// A second app, on its own copy of the demo district, for tests that change networks: the shared app's district
/// stays exactly as the other tests expect it. Northvale Academy's school system (A07) is registered as an API client
/// here, with a secret at the development identity provider, so a test can feed the app over HTTP as a school would.
/// </summary>
public sealed class ChangeableApp : PatchworkApp
{
    public const string SchoolClient = "e2e-school-mis";
    public const string SchoolSecret = "e2e-school-mis-dev-secret";

    protected override IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>
    {
        ["Authentication__Session__IdleTimeout"] = "10:00:00",
        [$"Patchwork__Api__Clients__{SchoolClient}__Agency"] = "A07",
        [$"Patchwork__Api__Clients__{SchoolClient}__Scopes__0"] = "patchwork.read",
        [$"Patchwork__Api__Clients__{SchoolClient}__Scopes__1"] = "patchwork.write",
        [$"Patchwork__Api__Clients__{SchoolClient}__DevSecret"] = SchoolSecret,
    };
}
