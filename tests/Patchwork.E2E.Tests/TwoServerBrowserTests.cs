using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Patchwork.E2E.Tests.Infrastructure;
using Patchwork.Graph.Audit;
using Patchwork.Graph.Storage;
using Patchwork.Graph.Tests.Governance;
using static Microsoft.Playwright.Assertions;

namespace Patchwork.E2E.Tests;

/// <summary>
/// Two app servers on one graph and one governance database in PostgreSQL, behind nginx with sticky sessions
/// (<see cref="TwoServerDeployment"/>): what one server does, the other shows, honours and survives.
/// </summary>
public sealed class TwoServerBrowserTests(PostgreSqlServer postgres, TwoServerBrowserTests.County county) : IClassFixture<TwoServerBrowserTests.County>
{
    private static readonly LocatorAssertionsToBeVisibleOptions WithinTwoSeconds = new() { Timeout = 2_000 };

    /// <summary>Fills in "Add to team" for a professional found by name and presses its button: the save is sent.</summary>
    private static async Task AskToAddToTeamAsync(IPage page, string name)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = "Add to team" }).ClickAsync();
        await page.GetByLabel("Find by name").FillAsync(name);
        await page.GetByRole(AriaRole.Button, new() { Name = "Find" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Radio, new() { NameRegex = new Regex($"^{Regex.Escape(name)}") })).ToBeCheckedAsync();
        await page.GetByLabel("Their role with the client").FillAsync("Family support worker");
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Add to team" }).ClickAsync();
    }

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private TwoServerDeployment Deployment => county.Deployment;

    [Fact]
    public async Task A_change_made_through_server_a_appears_on_a_page_open_on_server_b_within_two_seconds()
    {
        await Deployment.StartAsync(postgres, Cancellation);
        await using var sam = await Deployment.ContextAsync(DemoData.SamEmail, "a");
        await using var jo = await Deployment.ContextAsync(DemoData.CoordinatorEmail, "b");
        var onA = await OpenAsync(sam, "/network/P001", "a");
        var onB = await OpenAsync(jo, "/network/P001", "b");

        await AskToAddToTeamAsync(onA, "Helen Marsh");
        await Expect(onA.GetByRole(AriaRole.Dialog)).ToHaveCountAsync(0);

        await Expect(onB.Locator(".pw-team li.pw-card h3", new() { HasText = "Helen Marsh" })).ToBeVisibleAsync(WithinTwoSeconds);
        await Expect(onB.GetByRole(AriaRole.Status).Filter(new() { HasText = "Sam Adeyemi changed this network" })).ToBeVisibleAsync();
        Assert.Equal("b", await TwoServerDeployment.ServedByAsync(jo));
    }

    [Fact]
    public async Task Break_glass_granted_on_server_a_is_honoured_on_server_b()
    {
        await Deployment.StartAsync(postgres, Cancellation);
        await using var sam = await Deployment.ContextAsync(DemoData.SamEmail, "a");
        // Edith Morley (P018) is on a district nurse's caseload, not Sam's.
        var page = await OpenAsync(sam, "/network/P018", "a");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "This network is not open to you" })).ToBeVisibleAsync();
        await page.GetByLabel("Why do you need to see this network?").FillAsync("Neighbour reported Edith has not been seen for a week; finding her nurse.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Record my reason and open the network" }).ClickAsync();
        await Expect(Node(page, "Person: Edith Morley")).ToBeVisibleAsync();

        await Deployment.MoveToAsync(sam, "b");
        var onB = await OpenAsync(sam, "/network/P018", "b");

        await Expect(Node(onB, "Person: Edith Morley")).ToBeVisibleAsync();
        await Expect(onB.GetByRole(AriaRole.Heading, new() { Name = "This network is not open to you" })).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task An_invitation_sent_on_server_a_is_seen_on_server_b()
    {
        await Deployment.StartAsync(postgres, Cancellation);
        await using var sam = await Deployment.ContextAsync(DemoData.SamEmail, "a");
        await using var jo = await Deployment.ContextAsync(DemoData.CoordinatorEmail, "b");
        var onA = await OpenAsync(sam, "/network/P001", "a");
        var onB = await OpenAsync(jo, "/network/P001", "b");

        await onA.GetByRole(AriaRole.Button, new() { Name = "Invite" }).ClickAsync();
        await onA.GetByLabel("Find by name").FillAsync("Claire Dawson");
        await onA.GetByRole(AriaRole.Button, new() { Name = "Find" }).ClickAsync();
        await onA.GetByLabel("Their role on the team").FillAsync("Duty social worker");
        await onA.GetByRole(AriaRole.Button, new() { Name = "Send invitation" }).ClickAsync();
        await Expect(onA.Locator(".pw-invited")).ToContainTextAsync("Claire Dawson as Duty social worker");

        await Expect(onB.Locator(".pw-invited")).ToContainTextAsync("Claire Dawson as Duty social worker", new() { Timeout = 2_000 });
    }

    [Fact]
    public async Task Server_a_killed_during_a_change_leaves_b_serving_its_user_signed_in_and_one_intact_audit_chain()
    {
        await Deployment.StartAsync(postgres, Cancellation);
        await using var sam = await Deployment.ContextAsync(DemoData.SamEmail, "a");
        await using var jo = await Deployment.ContextAsync(DemoData.CoordinatorEmail, "b");
        var onA = await OpenAsync(sam, "/network/P001", "a");
        var onB = await OpenAsync(jo, "/network/P001", "b");
        var before = await Deployment.Stores!.GetRequiredService<IGraphStore>().GetRevisionAsync("P001", Cancellation);

        // Sam adds Marcus Bell to Ava's team and server A dies as the save is sent: no shutdown, no flush.
        await AskToAddToTeamAsync(onA, "Marcus Bell");
        await Deployment.A!.KillAsync();

        // B keeps serving: Jo's page on B still answers and redraws.
        await onB.ReloadAsync();
        await Expect(onB.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Ava Turner");

        // Sam's browser, sent to A, is passed to B by nginx, and B knows him: no sign-in.
        await onA.ReloadAsync();
        await Expect(onA.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Ava Turner");
        Assert.DoesNotContain("/dev-identity/", onA.Url, StringComparison.Ordinal);
        Assert.Equal("b", await TwoServerDeployment.ServedByAsync(sam));

        // Nothing half-written: the change is whole in the graph, with its audit record, or not there at all.
        var store = Deployment.Stores!.GetRequiredService<IGraphStore>();
        var team = await store.GetTeamAsync("P001", DateOnly.FromDateTime(DateTime.Now), Cancellation);
        var after = await store.GetRevisionAsync("P001", Cancellation);
        var trail = Deployment.Stores!.GetRequiredService<IAuditTrail>();
        var changes = (await trail.ForPersonAsync("P001", cancellationToken: Cancellation)).Where(r => r.Entry.Action == AuditActions.Change && r.Entry.Actor == "PR001").ToList();
        if (team.Any(m => m.Professional.Id == "PR008"))
        {
            Assert.Equal(before.Number + 1, after.Number);
            Assert.Contains(changes, r => r.Entry.Details!.Contains("Marcus Bell", StringComparison.Ordinal));
            await Expect(onB.Locator(".pw-team li.pw-card h3", new() { HasText = "Marcus Bell" })).ToBeVisibleAsync();
        }
        else
        {
            Assert.Equal(before.Number, after.Number);
        }

        // One chain, written by both servers (Sam's views on A, Jo's on B), verified by the patchwork command.
        var recent = await trail.RecentAsync(1000, Cancellation);
        Assert.Contains(recent, r => r.Entry.Actor == "PR001" && r.Entry.Action == AuditActions.ViewNetwork);
        Assert.Contains(recent, r => r.Entry.ActorName == "Jo Whitfield" && r.Entry.Action == AuditActions.ViewNetwork);
        Assert.Equal(Enumerable.Range(1, recent.Count).Select(n => (long)n).Reverse(), recent.Select(r => r.Sequence));
        var verified = await PatchworkCli.RunAsync(Deployment.Settings, "audit", "verify");
        Assert.Contains("audit trail intact", verified, StringComparison.Ordinal);
    }

    private async Task<IPage> OpenAsync(IBrowserContext context, string path, string server)
    {
        var page = await context.NewPageAsync();
        // The first pages of two freshly started servers, on a machine busy with other tests.
        page.SetDefaultTimeout(30_000);
        Assertions.SetDefaultExpectTimeout(15_000);
        await page.GotoAsync(path);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToBeVisibleAsync();
        var servedBy = await TwoServerDeployment.ServedByAsync(context);
        Assert.True(servedBy == server, $"{path} was served by {servedBy}, not {server}. Cookies: {string.Join("; ", (await context.CookiesAsync()).Select(c => $"{c.Name}={c.Value[..Math.Min(8, c.Value.Length)]} {c.Domain}{c.Path}"))}\n--- nginx ---\n{Deployment.NginxLog}\n--- server {server} ---\n{(server == "a" ? Deployment.A : Deployment.B)?.Output}");
        return page;
    }

    private static ILocator Node(IPage page, string name) =>
        page.GetByRole(AriaRole.Button, new() { NameRegex = new Regex($"^{Regex.Escape(name)}(,|$)") });

    /// <summary>The deployment, started by the first test (which is given the PostgreSQL) and stopped after the last.</summary>
    public sealed class County : IAsyncDisposable
    {
        internal TwoServerDeployment Deployment { get; } = new();

        public ValueTask DisposeAsync() => Deployment.DisposeAsync();
    }
}
