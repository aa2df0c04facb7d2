using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Patchwork.E2E.Tests.Infrastructure;
using Patchwork.Graph.Model;
using Patchwork.Graph.Network;
using Patchwork.Graph.Storage;
using static Microsoft.Playwright.Assertions;

namespace Patchwork.E2E.Tests;

/// <summary>
/// How long the network page takes in a real browser, written to docs/performance-browser.md. These are figures, not
/// timed assertions: the test checks only that what it timed was the whole network, drawn.
/// </summary>
public sealed class PerformanceTests(PatchworkApp app) : BrowserTest(app)
{
    private const int Runs = 5;
    private const int GeneratedPersons = 5_000;
    private static readonly TimeSpan DrawTimeout = TimeSpan.FromSeconds(60);

    /// <summary>
    /// The browser's clock once exactly the network's nodes are on the page and its links are drawn, each with a
    /// path; false until then.
    /// </summary>
    private const string Drawn = """
        ([nodes, links]) => {
            const paths = document.querySelectorAll('.diagram-link path.pw-tie');
            return document.querySelectorAll('[data-node-key]').length === nodes && paths.length === links
                && [...paths].every(p => (p.getAttribute('d') || '').length > 1) ? performance.now() : false;
        }
        """;

    [Fact]
    public async Task Network_page_figures_are_measured_and_written_to_the_docs()
    {
        var timings = new List<Timing>();
        var notes = new List<string>();
        var folder = Path.Combine(Path.GetTempPath(), $"patchwork-perf-{Guid.NewGuid():N}");
        try
        {
            await MeasureDemoAsync(timings);
            await MeasureGeneratedDistrictAsync(Path.Combine(folder, "generated"), timings, notes);
            await MeasureExtendedFamilyAsync(Path.Combine(folder, "family"), timings);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }

        notes.Add("For comparison, UI-NOTES.md measured the diagram library's own default node widget, with no household outlines, labels or team panel: 0.70 s to open 150 nodes (199 links) and 0.86 s for 50 (66).");
        PerformanceReport.Write(timings, App.Browser.Version, notes);
    }

    private async Task MeasureDemoAsync(List<Timing> timings)
    {
        var deeper = await DrawnNetwork.OfAsync(App.Network, App.Viewer, "P001", App.Today, 2);
        timings.Add(new Timing("Demo district: Ava Turner, depth 2", "open", deeper.Nodes.Count, deeper.Links, await TimeOpeningAsync(App.BaseUrl, "/network/P001?depth=2", deeper)));
        var network = await DrawnNetwork.OfAsync(App.Network, App.Viewer, "P001", App.Today);
        timings.Add(new Timing("Demo district: Ava Turner, depth 1", "open", network.Nodes.Count, network.Links, await TimeOpeningAsync(App.BaseUrl, "/network/P001", network)));

        // The step out that adds the most (at depth 2 Ava's family has no one further to add).
        Node? from = null;
        var grown = network;
        foreach (var candidate in network.Nodes.Where(n => n.Kind is NodeKind.Person or NodeKind.Household))
        {
            var after = await DrawnNetwork.OfAsync(App.Network, App.Viewer, "P001", App.Today, 1, candidate.Ref);
            if (after.Nodes.Count > grown.Nodes.Count)
            {
                (from, grown) = (candidate, after);
            }
        }

        Assert.NotNull(from);
        var added = grown.Nodes.Count - network.Nodes.Count;
        timings.Add(new Timing("Demo district: Ava Turner, depth 1", $"step out from {from.DisplayName} (+{added} node{(added == 1 ? "" : "s")})", grown.Nodes.Count, grown.Links, await TimeStepOutAsync(DrawnNetwork.Label(from), network, grown)));
    }

    private async Task MeasureGeneratedDistrictAsync(string folder, List<Timing> timings, List<string> notes)
    {
        var district = Path.Combine(folder, "district");
        var store = Path.Combine(folder, "patchwork.db");
        await PatchworkCli.RunAsync("generate", "--persons", GeneratedPersons.ToString(CultureInfo.InvariantCulture), "--seed", "42", district);
        await PatchworkCli.RunAsync("import", district, "--db", store, "--shift-to-today");

        await using var services = PatchworkApp.OpenStore(store);
        var network = services.GetRequiredService<NetworkService>();
        var graph = services.GetRequiredService<IGraphStore>();
        var today = network.Today;
        var sizes = new List<(string Person, int Nodes)>();
        foreach (var person in File.ReadLines(Path.Combine(district, "persons.csv")).Skip(1).Select(line => line.Split(',')[0]))
        {
            // Only clients: their networks are the ones practitioners open (and someone on the team can sign in to it).
            if ((await graph.GetTeamAsync(person, today, Cancellation)).Any(t => !string.IsNullOrEmpty(t.Professional.Email)))
            {
                sizes.Add((person, (await graph.OpenNetworkAsync(person, today, 2, cancellationToken: Cancellation)).Nodes.Count));
            }
        }

        var largest = sizes.OrderByDescending(s => s.Nodes).ThenBy(s => s.Person, StringComparer.Ordinal).First();
        var (viewer, email) = await TeamMemberAsync(services, largest.Person, today);
        var drawn = await DrawnNetwork.OfAsync(network, viewer, largest.Person, today, 2);
        await using var server = await WebAppProcess.StartAsync(store, seedDemo: false, Cancellation);
        timings.Add(new Timing(
            $"Generated district (`patchwork generate --persons {GeneratedPersons} --seed 42`): its largest depth-2 network, {largest.Person}",
            "open",
            drawn.Nodes.Count,
            drawn.Links,
            await TimeOpeningAsync(server.BaseUrl, $"/network/{largest.Person}?depth=2", drawn, email)));
        notes.Add(Invariant($"`patchwork generate` makes districts of small families: of its {GeneratedPersons:N0} people, the largest depth-2 network of a client has {largest.Nodes} nodes and the median {sizes.Select(s => s.Nodes).Order().ElementAt(sizes.Count / 2)}. The 150-node network is therefore a purpose-built extended family (ExtendedFamily in the E2E tests: 44 people in 4 households, 90 professionals, 12 agencies), loaded with `patchwork import`."));
    }

    private async Task MeasureExtendedFamilyAsync(string folder, List<Timing> timings)
    {
        var district = Path.Combine(folder, "district");
        var store = Path.Combine(folder, "patchwork.db");
        ExtendedFamily.Write(district);
        await PatchworkCli.RunAsync("import", district, "--db", store, "--shift-to-today");

        await using var services = PatchworkApp.OpenStore(store);
        var network = services.GetRequiredService<NetworkService>();
        var (viewer, email) = await TeamMemberAsync(services, ExtendedFamily.Focus, network.Today);
        var drawn = await DrawnNetwork.OfAsync(network, viewer, ExtendedFamily.Focus, network.Today, 2);
        Assert.Equal(ExtendedFamily.ExpectedNodes, drawn.Nodes.Count);
        await using var server = await WebAppProcess.StartAsync(store, seedDemo: false, Cancellation);
        timings.Add(new Timing("Extended family: depth 2", "open", drawn.Nodes.Count, drawn.Links, await TimeOpeningAsync(server.BaseUrl, $"/network/{ExtendedFamily.Focus}?depth=2", drawn, email)));
    }

    /// <summary>Opens the page once to warm up, then <see cref="Runs"/> times, each a new page load and circuit.</summary>
    private async Task<IReadOnlyList<double>> TimeOpeningAsync(Uri server, string path, DrawnNetwork network, string? signInAs = null)
    {
        if (signInAs is null)
        {
            return await TimeOpeningAsync(Page, server, path, network);
        }

        // Another app on this machine: a browser of its own (cookies are per host, not per port), signed in as the
        // person whose network is measured would be.
        await using var context = await App.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1600, Height = 1000 } });
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(server, path).ToString());
        await SignIn.CompleteAsync(page, signInAs);
        return await TimeOpeningAsync(page, server, path, network);
    }

    private static async Task<IReadOnlyList<double>> TimeOpeningAsync(IPage page, Uri server, string path, DrawnNetwork network)
    {
        var url = new Uri(server, path).ToString();
        var times = new List<double>();
        for (var run = 0; run <= Runs; run++)
        {
            await page.GotoAsync(url, new PageGotoOptions { WaitUntil = WaitUntilState.Commit });
            var drawnAt = await page.WaitForFunctionAsync(Drawn, new[] { network.Nodes.Count, network.Links }, new PageWaitForFunctionOptions { Timeout = (float)DrawTimeout.TotalMilliseconds });
            var milliseconds = await drawnAt.JsonValueAsync<double>();
            if (run > 0)
            {
                times.Add(milliseconds);
            }
        }

        return times;
    }

    /// <summary>Steps out from a node by keyboard and back (Undo step) <see cref="Runs"/> times, timing each step out.</summary>
    private async Task<IReadOnlyList<double>> TimeStepOutAsync(string label, DrawnNetwork before, DrawnNetwork after)
    {
        var times = new List<double>();
        var wait = new PageWaitForFunctionOptions { Timeout = (float)DrawTimeout.TotalMilliseconds };
        await Page.WaitForFunctionAsync(Drawn, new[] { before.Nodes.Count, before.Links }, wait);
        for (var run = 0; run < Runs; run++)
        {
            await Node(label).FocusAsync();
            var pressedAt = await Page.EvaluateAsync<double>("performance.now()");
            await Page.Keyboard.PressAsync("Enter");
            var drawnAt = await (await Page.WaitForFunctionAsync(Drawn, new[] { after.Nodes.Count, after.Links }, wait)).JsonValueAsync<double>();
            times.Add(drawnAt - pressedAt);

            await Page.GetByRole(AriaRole.Button, new() { Name = "Undo step" }).ClickAsync();
            await Page.WaitForFunctionAsync(Drawn, new[] { before.Nodes.Count, before.Links }, wait);
            await Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Undo step" })).ToBeDisabledAsync();
        }

        return times;
    }

    /// <summary>A professional on the person's team, who may open their network: whom to sign in as to measure it.</summary>
    private static async Task<(Patchwork.Graph.Access.Viewer Viewer, string Email)> TeamMemberAsync(IServiceProvider services, string personId, DateOnly today)
    {
        var team = await services.GetRequiredService<IGraphStore>().GetTeamAsync(personId, today, Cancellation);
        var email = team.Select(t => t.Professional.Email).First(e => !string.IsNullOrEmpty(e))!;
        return (await PatchworkApp.ViewerAsync(services, email), email);
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
