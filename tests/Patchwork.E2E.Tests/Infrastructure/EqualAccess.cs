using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Microsoft.Playwright;

namespace Patchwork.E2E.Tests.Infrastructure;

/// <summary>
/// IBM's Equal Access checker engine (npm accessibility-checker-engine, pinned in tests/a11y-engine/package-lock.json),
/// a second opinion beside axe: its rules find dialog, ARIA reference and naming faults that axe does not report.
/// The engine's ace.js carries its own rules, so checking downloads nothing. The app's CSP refuses script tags, so
/// the engine goes in the way axe does: evaluated through the browser's debugging protocol.
/// </summary>
public static class EqualAccess
{
    private static readonly SemaphoreSlim Installing = new(1, 1);
    private static string? engine;

    /// <summary>The IBM rules that fail the test: the engine's definite violations (not its "potential" ones).</summary>
    public sealed record Finding(string RuleId, string Message, string Path, string Snippet);

    public static async Task<IReadOnlyList<Finding>> CheckAsync(IPage page)
    {
        var source = await EngineAsync();
        if (!await page.EvaluateAsync<bool>("() => typeof window.ace !== 'undefined'"))
        {
            // ace.js declares a global `ace`; evaluated as a plain script it lands on window, as from a script tag.
            await page.EvaluateAsync(source);
        }

        var json = await page.EvaluateAsync<string>(
            """
            async () => {
                const report = await new ace.Checker().check(document, ["IBM_Accessibility"]);
                return JSON.stringify(report.results
                    .filter(r => r.value[0] === "VIOLATION" && r.value[1] === "FAIL")
                    .map(r => ({ ruleId: r.ruleId, message: r.message, path: r.path.dom, snippet: r.snippet })));
            }
            """);
        var findings = JsonSerializer.Deserialize<List<Finding>>(json, new JsonSerializerOptions(JsonSerializerDefaults.Web))
            ?? throw new InvalidOperationException("The IBM engine returned no report.");
        return [.. findings.Where(f => !Excepted(f))];
    }

    /// <summary>
    /// The one rule that cannot apply as written. input_label_before asks that a field's label come before the field in
    /// the page's source. MudBlazor's outlined text fields put their &lt;label for&gt; after the &lt;input&gt; so that CSS
    /// can float it into the field's top border; on screen the label is above and to the left of what is typed, which
    /// is what the rule protects (WCAG 3.3.2), and a screen reader reads it as the field's name through for/id. Only
    /// MudBlazor's own field markup is excepted: a label of ours placed after its field still fails.
    /// </summary>
    private static bool Excepted(Finding finding) =>
        finding.RuleId == "input_label_before" && finding.Snippet.Contains("mud-input-slot", StringComparison.Ordinal);

    public static string Describe(IEnumerable<Finding> findings)
    {
        var text = new StringBuilder();
        foreach (var finding in findings)
        {
            text.AppendLine($"[IBM] {finding.RuleId}: {finding.Message}");
            text.AppendLine($"    {finding.Path}: {finding.Snippet}");
        }

        return text.ToString();
    }

    /// <summary>ace.js from the pinned package, installed with `npm ci` on first use when CI has not done so.</summary>
    private static async Task<string> EngineAsync()
    {
        if (engine is { } loaded)
        {
            return loaded;
        }

        await Installing.WaitAsync();
        try
        {
            var folder = Path.Combine(RepoPaths.Root, "tests", "a11y-engine");
            var file = Path.Combine(folder, "node_modules", "accessibility-checker-engine", "ace.js");
            if (!File.Exists(file))
            {
                await NpmCiAsync(folder);
            }

            return engine ??= await File.ReadAllTextAsync(file);
        }
        finally
        {
            Installing.Release();
        }
    }

    private static async Task NpmCiAsync(string folder)
    {
        using var process = Process.Start(new ProcessStartInfo("npm", "ci --no-audit --no-fund --loglevel=error")
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        }) ?? throw new InvalidOperationException("npm could not be started: the IBM engine is installed with `npm ci` in tests/a11y-engine.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"npm ci in tests/a11y-engine failed:\n{await output}{await error}");
        }
    }
}
