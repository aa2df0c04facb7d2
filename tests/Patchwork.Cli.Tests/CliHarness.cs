using Microsoft.Extensions.Configuration;
using Patchwork.Cli.Infrastructure;

namespace Patchwork.Cli.Tests;

/// <summary>What one run of the command printed and returned.</summary>
public sealed record CliResult(int ExitCode, string Output, string Error)
{
    public override string ToString() => $"exit {ExitCode}\nstdout:\n{Output}\nstderr:\n{Error}";
}

/// <summary>A clock stopped at one moment, in UTC, so "today" is the same on every machine.</summary>
public sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;
}

/// <summary>
/// Runs <c>patchwork</c> in-process against a store file in its own temporary folder, which it deletes afterwards.
/// Configuration is only what the test gives, so nothing on the machine (environment variables) changes which store is used.
/// </summary>
public sealed class CliHarness : IDisposable
{
    public static readonly DateOnly Today = new(2026, 6, 1);

    private readonly IReadOnlyDictionary<string, string?> settings;

    /// <param name="today">The day the command runs on.</param>
    /// <param name="settings">Configuration the command reads, as from appsettings.json or the environment (none by default).</param>
    public CliHarness(DateOnly? today = null, IReadOnlyDictionary<string, string?>? settings = null)
    {
        this.settings = settings ?? new Dictionary<string, string?>();
        Root = Directory.CreateTempSubdirectory("patchwork-cli-").FullName;
        Db = Path.Combine(Root, "store.db");
        Clock = new FixedClock(new DateTimeOffset((today ?? Today).ToDateTime(new TimeOnly(9, 0)), TimeSpan.Zero));
    }

    public string Root { get; }

    public string Db { get; }

    public TimeProvider Clock { get; }

    /// <summary>A new folder under the harness's root.</summary>
    public string Folder(string name)
    {
        var path = Path.Combine(Root, name);
        Directory.CreateDirectory(path);
        return path;
    }

    /// <summary>Runs a command against this harness's store (adds --db).</summary>
    public Task<CliResult> RunAsync(params string[] args) => RunRawAsync([.. args, "--db", Db]);

    /// <summary>Runs a command line exactly as given.</summary>
    public async Task<CliResult> RunRawAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var context = new CliContext(output, error, interactive: false, Clock, new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        var exit = await Cli.RunAsync(args, context, TestContext.Current.CancellationToken);
        return new CliResult(exit, output.ToString(), error.ToString());
    }

    /// <summary>Runs a command that must succeed and returns what it printed.</summary>
    public async Task<string> OkAsync(params string[] args)
    {
        var result = await RunAsync(args);
        Assert.True(result.ExitCode == 0, result.ToString());
        return result.Output;
    }

    /// <summary>
    /// Everything the store holds, as text: the stats and the files an export writes. Two snapshots are equal
    /// exactly when the store did not change.
    /// </summary>
    public async Task<string> SnapshotAsync()
    {
        var folder = Path.Combine(Root, $"snapshot-{Guid.NewGuid():N}");
        var stats = await OkAsync("stats", "--json");
        await OkAsync("export", folder);
        var files = Directory.GetFiles(folder).Order(StringComparer.Ordinal).Select(f => $"== {Path.GetFileName(f)}\n{File.ReadAllText(f)}").ToList();
        Directory.Delete(folder, recursive: true);
        return stats + string.Join("\n", files);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A file still open on a slow machine; the temp folder is cleaned by the system.
        }
    }
}
