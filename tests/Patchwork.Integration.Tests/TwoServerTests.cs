using System.Net;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Patchwork.Graph.Tests.Governance;

namespace Patchwork.Integration.Tests;

/// <summary>
/// Two app servers on one governance database in a real PostgreSQL: a cookie made by one is accepted by the other,
/// because the data-protection keys and the sessions are both in the shared store.
/// </summary>
public sealed class TwoServerTests(PostgreSqlServer server)
{
    private const string Sam = "sam.adeyemi@northvale.gov.uk";
    private const string TeamCsv = "/network/P001/team.csv";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly string folder = Directory.CreateTempSubdirectory("patchwork-two-servers-").FullName;

    [Fact]
    public async Task A_user_signed_in_on_server_a_is_signed_in_on_server_b_and_not_on_a_server_of_another_deployment()
    {
        try
        {
            await SignInOnAThenUseBAsync();
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private async Task SignInOnAThenUseBAsync()
    {
        var shared = await Governance(await server.NewDatabaseAsync());
        await using var a = new PatchworkAppFactory(settings: shared);
        await using var b = new PatchworkAppFactory(settings: shared);
        await using var elsewhere = new PatchworkAppFactory(settings: await Governance(await server.NewDatabaseAsync()));

        var cookies = new CookieContainer();
        var browser = new AppBrowser(a.CreateDefaultClient(PatchworkAppFactory.BaseAddress, new CookieContainerHandler(cookies)));
        await browser.SignInAsync(Sam);

        var onB = await b.CreateDefaultClient(PatchworkAppFactory.BaseAddress, new CookieContainerHandler(cookies)).GetAsync(TeamCsv, Ct);
        Assert.Equal(HttpStatusCode.OK, onB.StatusCode);
        Assert.Contains("Sam Adeyemi", await onB.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);

        // The same cookie at a server with other keys and other sessions is worth nothing: what B did was shared state, not luck.
        var onOther = await elsewhere.CreateDefaultClient(PatchworkAppFactory.BaseAddress, new CookieContainerHandler(cookies)).GetAsync(TeamCsv, Ct);
        Assert.Equal(HttpStatusCode.Found, onOther.StatusCode);
        Assert.Equal("/dev-identity/connect/authorize", onOther.Headers.Location!.AbsolutePath);
    }

    /// <summary>One deployment's governance settings: its database, and the checkpoint file its servers share.</summary>
    private Task<IReadOnlyDictionary<string, string?>> Governance(string connectionString)
    {
        IReadOnlyDictionary<string, string?> settings = new Dictionary<string, string?>
        {
            ["Patchwork:Governance:Store"] = "PostgreSql",
            ["Patchwork:Governance:PostgreSql:ConnectionString"] = connectionString,
            ["Patchwork:Audit:CheckpointPath"] = Path.Combine(folder, Guid.NewGuid().ToString("N"), "audit.checkpoints"),
            ["Patchwork:Audit:CheckpointKey"] = "a checkpoint key the servers share",
        };
        return Task.FromResult(settings);
    }
}
