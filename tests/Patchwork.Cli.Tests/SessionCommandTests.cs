using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Patchwork.Graph.Audit;
using Patchwork.Graph.Sessions;
using Patchwork.Graph.Storage;

namespace Patchwork.Cli.Tests;

public sealed class SessionCommandTests : IDisposable
{
    private static readonly byte[] Ticket = [1, 2, 3];

    private readonly CliHarness cli = new();

    [Fact]
    public async Task SessionsList_shows_who_is_signed_in_and_filters_by_email()
    {
        await cli.OkAsync("import", new District().WriteTo(cli.Folder("district")));
        await StartAsync(("k1", "PR1", "Sam Adeyemi", "sam@northvale.example"), ("k2", "PR2", "Priya Shah", "priya@nhs.example"));

        var all = await cli.RunAsync("sessions", "list");
        var sams = await cli.RunAsync("sessions", "list", "--email", "sam@northvale.example", "--json");

        Assert.True(all.ExitCode == 0, all.ToString());
        Assert.Contains("Sam Adeyemi (PR1)", all.Output, StringComparison.Ordinal);
        Assert.Contains("Priya Shah (PR2)", all.Output, StringComparison.Ordinal);
        Assert.Contains("2 session(s).", all.Output, StringComparison.Ordinal);
        Assert.True(sams.ExitCode == 0, sams.ToString());
        Assert.Contains("\"professionalId\": \"PR1\"", sams.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("PR2", sams.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SessionsEnd_ends_every_session_of_that_person_only_and_is_audited()
    {
        await cli.OkAsync("import", new District().WriteTo(cli.Folder("district")));
        await StartAsync(("k1", "PR1", "Sam Adeyemi", "sam@northvale.example"), ("k2", "PR1", "Sam Adeyemi", "sam@northvale.example"), ("k3", "PR2", "Priya Shah", "priya@nhs.example"));

        var result = await cli.RunAsync("sessions", "end", "--email", "SAM@northvale.example");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("Ended 2 session(s) of Sam Adeyemi (PR1)", result.Output, StringComparison.Ordinal);
        var left = await cli.RunAsync("sessions", "list");
        Assert.DoesNotContain("PR1", left.Output, StringComparison.Ordinal);
        Assert.Contains("Priya Shah (PR2)", left.Output, StringComparison.Ordinal);
        await using var provider = Services();
        var audit = Assert.Single(await provider.GetRequiredService<IAuditTrail>().RecentAsync(10, TestContext.Current.CancellationToken), r => r.Entry.Action == AuditActions.EndSessions);
        Assert.Equal("professional:PR1", audit.Entry.Target);
        Assert.StartsWith("cli:", audit.Entry.Actor, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SessionsEnd_an_email_nobody_has_says_so_and_ends_nothing()
    {
        await cli.OkAsync("import", new District().WriteTo(cli.Folder("district")));
        await StartAsync(("k1", "PR1", "Sam Adeyemi", "sam@northvale.example"));

        var result = await cli.RunAsync("sessions", "end", "--email", "nobody@example.org");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("no professional", result.Error, StringComparison.Ordinal);
        Assert.Contains("nobody@example.org", result.Error, StringComparison.Ordinal);
        Assert.Contains("1 session(s).", (await cli.RunAsync("sessions", "list")).Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SessionsEnd_without_an_email_is_a_usage_error()
    {
        var result = await cli.RunAsync("sessions", "end");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--email", result.Error, StringComparison.Ordinal);
    }

    public void Dispose() => cli.Dispose();

    private ServiceProvider Services()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        services.AddSingleton(cli.Clock);
        services.AddSqliteGraphStore(o => o.Path = cli.Db);
        services.AddPatchworkSessions();
        return services.BuildServiceProvider();
    }

    private async Task StartAsync(params (string Key, string ProfessionalId, string Name, string Email)[] sessions)
    {
        await using var provider = Services();
        await provider.GetRequiredService<IGraphStore>().InitializeAsync(TestContext.Current.CancellationToken);
        foreach (var (key, professionalId, name, email) in sessions)
        {
            await provider.GetRequiredService<SessionService>().StartAsync(key, professionalId, name, email, Ticket, TestContext.Current.CancellationToken);
        }
    }
}
