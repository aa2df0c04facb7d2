using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Patchwork.E2E.Tests.Infrastructure;
using Patchwork.Graph.Access;
using static Microsoft.Playwright.Assertions;

namespace Patchwork.E2E.Tests;

/// <summary>A practitioner sees the families on their caseload; anyone else states a reason, which is audited.</summary>
public sealed class PractitionerAccessTests(PatchworkApp app) : BrowserTest(app)
{
    [Fact]
    public async Task Another_familys_network_opened_by_URL_is_refused_until_a_reason_is_given()
    {
        // Edith Morley (P018) is on a district nurse's caseload, not Sam's.
        await OpenAsync("/network/P018");
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "This network is not open to you" })).ToBeVisibleAsync();
        await Expect(Node("Person: Edith Morley")).ToHaveCountAsync(0);

        await Page.GetByRole(AriaRole.Button, new() { Name = "Record my reason and open the network" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Say in a sentence why");
        await Expect(Node("Person: Edith Morley")).ToHaveCountAsync(0);

        await Page.GetByLabel("Why do you need to see this network?").FillAsync("Neighbour reported Edith has not been seen for a week; finding her nurse.");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Record my reason and open the network" }).ClickAsync();
        await Expect(Node("Person: Edith Morley")).ToBeVisibleAsync();

        var trail = await App.Audit.ForPersonAsync("P018", cancellationToken: Cancellation);
        Assert.Contains(trail, r => r.Entry.Action == "break-glass" && r.Entry.ActorName == "Sam Adeyemi" && r.Entry.Reason!.StartsWith("Neighbour reported", StringComparison.Ordinal));
        Assert.Contains(trail, r => r.Entry.Action == "refused" && r.Entry.ActorName == "Sam Adeyemi");
    }

    [Fact]
    public async Task A_sensitive_service_never_reaches_the_page_or_the_circuit()
    {
        // Liam, Ava's father, sees a worker from a sensitive substance-misuse service. Sam is in another agency.
        var frames = CircuitFrames.Record(Page);
        await OpenAsync("/network/P001?expand=person%3AP004");
        await Expect(Node("Person: Liam Turner")).ToHaveAccessibleNameAsync(new Regex("stepped out$"));
        await Expect(Node("Professional: A sensitive service is involved").First).ToBeVisibleAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Table view" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Table)).ToBeVisibleAsync();

        var html = await Page.ContentAsync();
        var circuit = frames.Text;
        Assert.Contains("Liam Turner", circuit, StringComparison.Ordinal);
        foreach (var secret in new[] { "Kieran", "Lynch", "Pathways", "07700 900005", "pathways-recovery", "Recovery Worker" })
        {
            Assert.DoesNotContain(secret, html, StringComparison.Ordinal);
            Assert.DoesNotContain(secret, circuit, StringComparison.Ordinal);
        }
    }
}

/// <summary>A coordinator opens any network and sees sensitive services by name.</summary>
public sealed class CoordinatorAccessTests(PatchworkApp app) : BrowserTest(app)
{
    protected override string SignedInAs => DemoData.CoordinatorEmail;

    [Fact]
    public async Task A_coordinator_opens_any_network_with_sensitive_services_named()
    {
        await OpenAsync("/network/P004");
        await Expect(Page.GetByRole(AriaRole.Banner)).ToContainTextAsync("Jo Whitfield");
        await Expect(Node("Professional: Kieran Lynch")).ToBeVisibleAsync();
        await Expect(Node("Agency: Pathways Recovery")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_coordinator_who_may_open_any_network_is_told_plainly_that_an_id_names_nobody()
    {
        await OpenAsync("/network/NOPE");

        await Expect(Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Network not found");
        await Expect(Page.GetByRole(AriaRole.Alert)).ToContainTextAsync("There is no person with the id 'NOPE'");
    }

    [Fact]
    public async Task A_coordinator_opens_each_list_of_the_dashboard_downloads_it_and_opens_a_client()
    {
        var coordinator = Viewer.For((await App.Store.FindProfessionalByEmailAsync(DemoData.CoordinatorEmail, Cancellation))!);
        var counts = await App.Coordinator.CountsAsync(coordinator, App.Today, Cancellation);
        Assert.All(counts, c => Assert.True(c.Count > 0, $"The demo district has something on \"{c.List.Title}\"."));

        await OpenAsync("/");
        await Page.GetByRole(AriaRole.Link, new() { Name = "Coordinator dashboard" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Coordinator dashboard");
        foreach (var (list, count) in counts)
        {
            var card = Page.GetByRole(AriaRole.Navigation, new() { Name = "Coordinator's lists" }).GetByRole(AriaRole.Link, new() { NameRegex = new Regex($"^{count} {Regex.Escape(list.Title)}$") });
            await card.ClickAsync();
            await Expect(card).ToHaveAttributeAsync("aria-current", "true");
            await Expect(Page).ToHaveURLAsync(new Regex($"list={list.Key}&asAt={DemoData.Iso(App.Today)}$"));
            await Expect(Page.GetByRole(AriaRole.Heading, new() { Level = 2 })).ToHaveTextAsync(list.Title);
            await Expect(Page.GetByRole(AriaRole.Table).GetByRole(AriaRole.Link)).ToHaveCountAsync(count);
            await AssertNoViolationsAsync();

            var download = await Page.RunAndWaitForDownloadAsync(() => Page.GetByRole(AriaRole.Link, new() { Name = "Download this list as CSV" }).ClickAsync());
            var csv = await File.ReadAllTextAsync(await download.PathAsync(), Cancellation);
            Assert.StartsWith("id,name,", csv.TrimStart('\uFEFF'), StringComparison.Ordinal);
            Assert.Equal(count + 1, csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);
        }

        await Page.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("Clients without a lead$") }).ClickAsync();
        await Page.GetByRole(AriaRole.Table).GetByRole(AriaRole.Link, new() { Name = "Mason Hughes" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Mason Hughes");
        await Expect(Page.GetByText("no lead professional").First).ToBeVisibleAsync();
    }
}

/// <summary>An information governance officer sees who looked at a person, and the reasons given.</summary>
public sealed class GovernanceAccessTests(PatchworkApp app) : BrowserTest(app)
{
    protected override string SignedInAs => DemoData.GovernanceEmail;

    [Fact]
    public async Task The_audit_page_answers_who_looked_at_a_child_and_checks_the_chain()
    {
        // Someone looks at Ava first: the app records it as the browser tests' practitioner's own views are.
        await App.Network.OpenAsync(App.Viewer, "P001", App.Today, 1, Cancellation);

        await OpenAsync("/audit?person=P001");
        var records = Page.GetByRole(AriaRole.Table);
        await Expect(records.GetByRole(AriaRole.Rowheader, new() { Name = "Sam Adeyemi" }).First).ToBeVisibleAsync();
        await Expect(records).ToContainTextAsync("view-network");
        await Expect(Page.GetByRole(AriaRole.Status).Filter(new() { HasText = "check out against the hash chain" })).ToBeVisibleAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { NameRegex = new Regex("^Break-glass reasons waiting for review") })).ToBeVisibleAsync();
        await AssertNoViolationsAsync();

        var download = await Page.RunAndWaitForDownloadAsync(() => Page.GetByRole(AriaRole.Link, new() { Name = "Download these records as CSV" }).ClickAsync());
        var csv = await File.ReadAllTextAsync(await download.PathAsync(), Cancellation);
        Assert.StartsWith("sequence,at (UTC),who,professional id,action", csv.TrimStart('\uFEFF'), StringComparison.Ordinal);
        Assert.Contains("Sam Adeyemi,PR001,view-network", csv, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_practitioner_is_not_shown_the_audit()
    {
        var viewerOnly = await App.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = App.BaseUrl.ToString(), StorageStatePath = await App.SessionAsync(DemoData.SamEmail) });
        var page = await viewerOnly.NewPageAsync();
        await page.GotoAsync("/audit?person=P001");
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("information governance officers only");
        await Expect(page.GetByRole(AriaRole.Table)).ToHaveCountAsync(0);
        await page.GotoAsync("/coordinator");
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("coordinators only");
        await Expect(page.GetByRole(AriaRole.Table)).ToHaveCountAsync(0);
        await viewerOnly.DisposeAsync();

        // Both attempts were recorded before the refusal was shown.
        var refused = (await App.Audit.RecentAsync(cancellationToken: Cancellation)).Where(r => r.Entry.Action == "refused" && r.Entry.ActorName == "Sam Adeyemi").Select(r => r.Entry.Target).ToList();
        Assert.Contains("audit:person:P001", refused);
        Assert.Contains("coordinator", refused);
    }
}
