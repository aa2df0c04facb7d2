using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace Patchwork.E2E.Tests.Infrastructure;

/// <summary>One measured figure: what was opened or done, how big it was, and the times of each run in ms.</summary>
internal sealed record Timing(string Network, string Action, int Nodes, int Links, IReadOnlyList<double> Milliseconds)
{
    public double Median
    {
        get
        {
            var sorted = Milliseconds.Order().ToList();
            return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
        }
    }
}

/// <summary>Writes the "Network page in the browser" section of docs/performance.md, leaving other sections alone.</summary>
internal static class PerformanceReport
{
    public const string Heading = "## Network page in the browser";

    public static void Write(IReadOnlyList<Timing> timings, string browserVersion, IEnumerable<string> notes)
    {
        var section = new StringBuilder();
        section.AppendLine(Heading).AppendLine();
        section.AppendLine(Invariant($"Written by `PerformanceTests` (tests/Patchwork.E2E.Tests) on {DateTime.UtcNow:yyyy-MM-dd}. Command: `dotnet test -c {RepoPaths.Configuration} --project tests/Patchwork.E2E.Tests` (`dotnet test` at the repository root runs it too, beside the other test projects), against Patchwork.Web started from its {RepoPaths.Configuration} build; headless Debian Chromium {browserVersion}; app, browser and tests on one machine: {Machine()}."));
        section.AppendLine();
        section.AppendLine(Invariant($"Each figure is the median of {timings[0].Milliseconds.Count} runs, with the fastest and slowest. Opening is timed by the browser's own clock from the start of navigation (a new page load and circuit, after one warm-up) to every node of the network on the page and every link drawn with its path; a step out from the key press to the new nodes and links drawn. Figures, not assertions: nothing fails on them."));
        section.AppendLine();
        section.AppendLine("| network | action | nodes | links | median | range |");
        section.AppendLine("|---|---|---:|---:|---:|---|");
        foreach (var timing in timings)
        {
            section.AppendLine(Invariant($"| {timing.Network} | {timing.Action} | {timing.Nodes} | {timing.Links} | {timing.Median / 1000:0.00} s | {timing.Milliseconds.Min() / 1000:0.00}-{timing.Milliseconds.Max() / 1000:0.00} s |"));
        }

        section.AppendLine();
        foreach (var note in notes)
        {
            section.AppendLine($"- {note}");
        }

        WriteSection(Heading, section.ToString());
    }

    /// <summary>Puts a section (its "## " heading first) into docs/performance-browser.md in place of its earlier version, or at the end.</summary>
    public static void WriteSection(string heading, string section)
    {
        var path = Path.Combine(RepoPaths.Docs, "performance-browser.md");
        Directory.CreateDirectory(RepoPaths.Docs);
        var existing = File.Exists(path) ? File.ReadAllText(path).ReplaceLineEndings("\n") : "# Performance\n";
        File.WriteAllText(path, Replace(existing, heading, section.ReplaceLineEndings("\n")));
    }

    private static string Replace(string document, string heading, string section)
    {
        var start = document.IndexOf(heading + "\n", StringComparison.Ordinal);
        if (start < 0)
        {
            return document.TrimEnd('\n') + "\n\n" + section;
        }

        var next = document.IndexOf("\n## ", start + heading.Length, StringComparison.Ordinal);
        return next < 0 ? document[..start] + section : document[..start] + section + document[(next + 1)..];
    }

    /// <summary>The processor, cores, memory, system and runtime of this machine, in one line.</summary>
    public static string Machine()
    {
        var cpu = File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim()
            : null;
        var memory = File.Exists("/proc/meminfo")
            ? File.ReadLines("/proc/meminfo").FirstOrDefault(l => l.StartsWith("MemTotal:", StringComparison.Ordinal))?.Split(':', 2)[1].Trim()
            : null;
        var gigabytes = memory is not null && long.TryParse(memory.Split(' ')[0], CultureInfo.InvariantCulture, out var kilobytes) ? Invariant($", {kilobytes / 1024.0 / 1024.0:0} GB RAM") : "";
        return Invariant($"{cpu ?? RuntimeInformation.ProcessArchitecture.ToString()}, {Environment.ProcessorCount} cores{gigabytes}, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}");
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
