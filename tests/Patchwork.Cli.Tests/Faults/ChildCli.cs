using System.Diagnostics;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;

namespace Patchwork.Cli.Tests.Faults;

/// <summary>
/// Runs <c>patchwork</c> as a separate process (<c>dotnet patchwork.dll ...</c>), as a person or a script does, so a
/// test can kill it or run two at once on one store file.
/// </summary>
internal sealed partial class ChildCli : IDisposable
{
    private readonly Process process;
    private readonly Task<string> output;
    private readonly Task<string> error;

    private ChildCli(Process process)
    {
        this.process = process;
        output = process.StandardOutput.ReadToEndAsync();
        error = process.StandardError.ReadToEndAsync();
    }

    public bool HasExited => process.HasExited;

    /// <summary>How much processor time the child has used so far.</summary>
    public TimeSpan ProcessorTime
    {
        get
        {
            try
            {
                process.Refresh();
                return process.TotalProcessorTime;
            }
            catch (InvalidOperationException) when (process.HasExited)
            {
                return TimeSpan.MaxValue;
            }
        }
    }

    public static ChildCli Start(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "patchwork.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        // Only --db names the store: nothing on the machine may point the child elsewhere.
        start.Environment.Remove("Patchwork__Sqlite__Path");
        return new ChildCli(Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start."));
    }

    /// <summary>Kills the process at once (SIGKILL on Linux): no finally block, no rollback, runs in it.</summary>
    public void Kill()
    {
        process.Kill(entireProcessTree: true);
        process.WaitForExit();
    }

    public async Task<CliResult> WaitAsync(CancellationToken cancellationToken)
    {
        await process.WaitForExitAsync(cancellationToken);
        return new CliResult(process.ExitCode, await output, await error);
    }

    public void Dispose()
    {
        if (!process.HasExited)
        {
            Kill();
        }

        process.Dispose();
    }

    /// <summary>PRAGMA integrity_check of a store file, through a connection of its own: "ok" when the file is sound.</summary>
    public static string IntegrityCheck(string db)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = db, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA integrity_check";
        return (string)command.ExecuteScalar()!;
    }

    /// <summary>The names of the store's indexes: a killed bulk import must not leave them dropped.</summary>
    public static string Indexes(string db)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = db, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT group_concat(name, ' ') FROM (SELECT name FROM sqlite_master WHERE type = 'index' ORDER BY name)";
        return (string)command.ExecuteScalar()!;
    }

    /// <summary>Copies a generated district with every id given a prefix, so it can be imported beside the original.</summary>
    public static string CopyWithPrefix(string from, string to, string prefix)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from))
        {
            var lines = File.ReadAllLines(file);
            var target = Path.Combine(to, Path.GetFileName(file));
            File.WriteAllLines(target, file.EndsWith(".csv", StringComparison.Ordinal)
                ? [lines[0], .. lines.Skip(1).Select(line => Id().Replace(line, m => m.Groups[1].Value + prefix + m.Groups[2].Value))]
                : lines);
        }

        return to;
    }

    [GeneratedRegex(@"(^|,)((?:PR|P|H|A)\d+)(?=,|$)")]
    private static partial Regex Id();
}
