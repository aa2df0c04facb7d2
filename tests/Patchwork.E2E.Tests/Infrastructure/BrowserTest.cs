using System.Text;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Patchwork.E2E.Tests.Infrastructure;

/// <summary>
/// One browser context and page per test, at the size of a meeting-room screen. A trace is recorded throughout
/// and kept, with a screenshot, only when the test fails.
/// </summary>
public abstract partial class BrowserTest(PatchworkApp app) : IAsyncLifetime
{
    private IBrowserContext? context;

    protected PatchworkApp App { get; } = app;

    protected IPage Page { get; private set; } = null!;

    protected static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    /// <summary>Who the test's browser is signed in as: Sam Adeyemi, a practitioner, unless a test says otherwise.</summary>
    protected virtual string SignedInAs => DemoData.SamEmail;

    public async ValueTask InitializeAsync()
    {
        if (App.Server.Exited is { } exited)
        {
            throw new InvalidOperationException(exited);
        }

        context = await SignedInContextAsync(SignedInAs);
        context.SetDefaultTimeout(15_000);
        Assertions.SetDefaultExpectTimeout(15_000);
        await context.Tracing.StartAsync(new TracingStartOptions { Screenshots = true, Snapshots = true });
        Page = await context.NewPageAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (context is null)
        {
            return;
        }

        if (TestContext.Current.TestState?.Result == TestResult.Failed)
        {
            var name = Unsafe().Replace(TestContext.Current.Test?.TestDisplayName ?? "test", "_");
            var folder = Path.Combine(RepoPaths.Artifacts, name);
            Directory.CreateDirectory(folder);
            await Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, "failure.png"), FullPage = true });
            await context.Tracing.StopAsync(new TracingStopOptions { Path = Path.Combine(folder, "trace.zip") });
            await File.WriteAllTextAsync(Path.Combine(folder, "server.log"), App.Server.Output);
            TestContext.Current.SendDiagnosticMessage($"Kept a screenshot, a trace and the server's output of the failure in {folder}");
        }
        else
        {
            await context.Tracing.StopAsync();
        }

        await context.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    /// <summary>A browser context of someone signed in to the app, at the size of a meeting-room screen, in England.</summary>
    protected async Task<IBrowserContext> SignedInContextAsync(string email) =>
        await App.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = App.BaseUrl.ToString(),
            ViewportSize = new ViewportSize { Width = 1600, Height = 1000 },
            Locale = "en-GB",
            TimezoneId = "Europe/London",
            StorageStatePath = await App.SessionAsync(email),
        });

    /// <summary>Opens a page and waits until the Blazor circuit has rendered it (the app does not prerender).</summary>
    protected async Task OpenAsync(string path)
    {
        await Page.GotoAsync(path);
        await Assertions.Expect(Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToBeVisibleAsync();
    }

    /// <summary>A node on the canvas by the start of its accessible name ("Person: Ava Turner").</summary>
    protected ILocator Node(string name) =>
        Page.GetByRole(AriaRole.Button, new() { NameRegex = new Regex($"^{Regex.Escape(name)}(,|$)") });

    /// <summary>
    /// Runs both engines on the test's page (or another of the test's) as it is: fails on any axe violation, whatever
    /// its impact, and on any IBM Equal Access violation, printing every finding of either. A rule in
    /// <paramref name="excused"/> (by either engine's id) is printed but does not fail: only for a page whose markup
    /// is not the app's, argued where it is excused.
    /// </summary>
    protected async Task AssertNoViolationsAsync(IPage? other = null, IReadOnlySet<string>? excused = null)
    {
        excused ??= new HashSet<string>();
        var page = other ?? Page;
        var results = await page.RunAxe();
        var report = Describe(results.Violations);
        if (report.Length > 0)
        {
            TestContext.Current.TestOutputHelper?.WriteLine($"axe on {page.Url}:\n{report}");
        }

        var ibm = await EqualAccess.CheckAsync(page);
        var ibmReport = EqualAccess.Describe(ibm);
        if (ibmReport.Length > 0)
        {
            TestContext.Current.TestOutputHelper?.WriteLine($"IBM Equal Access on {page.Url}:\n{ibmReport}");
        }

        var axe = results.Violations.Where(v => !excused.Contains(v.Id)).ToList();
        ibm = [.. ibm.Where(f => !excused.Contains(f.RuleId))];
        Assert.True(axe.Count == 0 && ibm.Count == 0,
            $"axe found {axe.Count} violation(s) and IBM Equal Access {ibm.Count} on {page.Url}:\n{report}{ibmReport}");
    }

    private static string Describe(IEnumerable<AxeResultItem> violations)
    {
        var text = new StringBuilder();
        foreach (var violation in violations)
        {
            text.AppendLine($"[{violation.Impact}] {violation.Id}: {violation.Help} ({violation.HelpUrl})");
            foreach (var node in violation.Nodes)
            {
                text.AppendLine($"    {node.Target}: {node.Html}");
                foreach (var check in node.Any.Concat(node.All).Concat(node.None))
                {
                    text.AppendLine($"      {check.Message}");
                }
            }
        }

        return text.ToString();
    }

    [GeneratedRegex(@"[^A-Za-z0-9_.-]+")]
    private static partial Regex Unsafe();
}
