using System.Globalization;
using System.Text.Json.Nodes;
using Patchwork.Cli.Infrastructure;

namespace Patchwork.Cli.Bench;

/// <summary>Latencies of one question over its samples, in milliseconds, and the floor's p95 where there is one.</summary>
internal sealed record QuestionTimes(string Name, string Description, double P50, double P95, double P99, int Samples, double? FloorP95 = null, double? TargetP95 = null)
{
    /// <summary>Nearest-rank percentiles of the samples.</summary>
    public static QuestionTimes Of(string name, string description, IReadOnlyList<double> milliseconds, double? targetP95 = null)
    {
        if (milliseconds.Count == 0)
        {
            throw new ArgumentException("A question needs at least one sample.", nameof(milliseconds));
        }

        var sorted = milliseconds.Order().ToArray();
        return new QuestionTimes(name, description, Percentile(sorted, 50), Percentile(sorted, 95), Percentile(sorted, 99), sorted.Length, TargetP95: targetP95);
    }

    public static double Percentile(double[] sorted, double percent)
    {
        var rank = (int)Math.Ceiling(percent / 100 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }
}

/// <summary>Everything one <c>patchwork bench</c> run measured.</summary>
internal sealed record BenchResult(
    long Persons,
    IReadOnlyList<QuestionTimes> Questions,
    IReadOnlyList<QuestionTimes> Details,
    long ImportRows,
    double ImportSeconds,
    long StoreBytes,
    long PeakMemoryBytes,
    int FloorMismatches,
    string? LoadAverage = null)
{
    public double ImportRowsPerSecond => ImportSeconds > 0 ? ImportRows / ImportSeconds : ImportRows;

    /// <summary>The same rows inserted as text into plain tables by the same process in the same run (<see cref="ImportFloor"/>).</summary>
    public double ImportFloorRowsPerSecond { get; init; }

    /// <summary>The shape scripts read: times in milliseconds, floorP95 only where a floor exists.</summary>
    public JsonObject ToJson()
    {
        var questions = new JsonObject();
        foreach (var question in Questions)
        {
            var times = new JsonObject
            {
                ["p50"] = Round(question.P50),
                ["p95"] = Round(question.P95),
                ["p99"] = Round(question.P99),
            };
            if (question.FloorP95 is { } floor)
            {
                times["floorP95"] = Round(floor);
            }

            questions[question.Name] = times;
        }

        return new JsonObject
        {
            ["persons"] = Persons,
            ["questions"] = questions,
            ["importRowsPerSecond"] = Math.Round(ImportRowsPerSecond),
            ["importFloorRowsPerSecond"] = Math.Round(ImportFloorRowsPerSecond),
            ["storeBytes"] = StoreBytes,
            ["peakMemoryBytes"] = PeakMemoryBytes,
        };
    }

    public async Task WriteTableAsync(TextWriter output)
    {
        await output.WriteLineAsync($"Store of {Persons:N0} persons: {StoreBytes / 1048576.0:N1} MiB on disk; peak process memory {PeakMemoryBytes / 1048576.0:N0} MiB.").ConfigureAwait(false);
        await output.WriteLineAsync($"This machine: {Environment.ProcessorCount} cores{(LoadAverage is null ? "" : $", load average {LoadAverage} when the timing started")}.").ConfigureAwait(false);
        await output.WriteLineAsync($"Import: {ImportRows:N0} rows in {ImportSeconds:N1} s, {ImportRowsPerSecond:N0} rows/s (target at 1M persons: >= 250,000); floor {ImportFloorRowsPerSecond:N0} rows/s, the store at {(ImportFloorRowsPerSecond > 0 ? ImportRowsPerSecond / ImportFloorRowsPerSecond : 0):P0} of it (target: >= 50%).").ConfigureAwait(false);
        await output.WriteLineAsync().ConfigureAwait(false);
        var table = new Table("QUESTION", "SAMPLES", "P50 MS", "P95 MS", "P99 MS", "FLOOR P95", "STORE/FLOOR", "TARGET P95 (1M)");
        foreach (var question in Questions.Concat(Details))
        {
            table.Add(
                question.Description,
                question.Samples.ToString("N0", CultureInfo.InvariantCulture),
                Ms(question.P50),
                Ms(question.P95),
                Ms(question.P99),
                question.FloorP95 is { } floor ? Ms(floor) : "",
                question.FloorP95 is { } f && f > 0 ? $"{question.P95 / f:N1}x" : "",
                question.TargetP95 is { } target ? $"<= {target:0.##} ms" : "");
        }

        await table.WriteAsync(output).ConfigureAwait(false);
        if (FloorMismatches > 0)
        {
            await output.WriteLineAsync($"Warning: the floor and the store answered {FloorMismatches} network question(s) differently.").ConfigureAwait(false);
        }
    }

    private static double Round(double milliseconds) => Math.Round(milliseconds, 6);

    private static string Ms(double milliseconds) => milliseconds.ToString(milliseconds < 10 ? "0.000" : "N1", CultureInfo.InvariantCulture);
}
