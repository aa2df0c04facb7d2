using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Patchwork.Graph.Import;
using Patchwork.Graph.Model;
using Patchwork.Graph.Tests.Sqlite;

namespace Patchwork.Graph.Tests.Faults;

/// <summary>
/// A store on a disk that fills up: a tiny tmpfs mounted for the test (root can; anyone else skips with the
/// reason). The write that does not fit fails with a message that says so, and keeps nothing of itself.
/// </summary>
public sealed class DiskFullTests : IDisposable
{
    private readonly TempStores stores = new();
    private readonly string mount;
    private readonly string? skipReason;

    public DiskFullTests()
    {
        // Beside the stores' folder, not in it: that folder is deleted while the disk may still be mounted.
        mount = Path.Combine(Path.GetTempPath(), "patchwork-tests", $"full-{Guid.NewGuid():N}");
        Directory.CreateDirectory(mount);
        skipReason = Run("mount", "-t", "tmpfs", "-o", "size=4m", "patchwork-disk-full", mount) == 0
            ? null
            : "Mounting a 4 MiB tmpfs needs root (mount -t tmpfs); this user cannot.";
    }

    public void Dispose()
    {
        // The stores' connections let go of the files first; then the disk can be unmounted.
        stores.Dispose();
        if (skipReason is null)
        {
            Run("umount", mount);
        }

        Directory.Delete(mount, recursive: true);
    }

    [Fact]
    public async Task Import_that_fills_the_disk_fails_with_a_clear_message_and_keeps_nothing()
    {
        Assert.SkipWhen(skipReason is not null, skipReason ?? "");
        var cancellationToken = TestContext.Current.CancellationToken;
        var path = Path.Combine(mount, "patchwork.db");
        var store = stores.Open(path);
        await store.InitializeAsync(cancellationToken);
        await store.ImportAsync(People("A", 50), cancellationToken: cancellationToken);
        var before = await store.GetStatsAsync(cancellationToken);

        var refused = await Assert.ThrowsAsync<GraphStoreException>(() => store.ImportAsync(People("B", 100_000), cancellationToken: cancellationToken));

        Assert.Contains("disk holding the store is full", refused.Message, StringComparison.Ordinal);
        Assert.Contains("nothing was changed", refused.Message, StringComparison.Ordinal);
        var after = await store.GetStatsAsync(cancellationToken);
        Assert.Equal(before.Nodes, after.Nodes);
        Assert.Equal(before.Relationships, after.Relationships);
        Assert.Equal("ok", IntegrityCheck(path));

        // What fits still goes in.
        await store.AddNodeAsync(new Person("C1", "Still", "Writable"), cancellationToken);
        Assert.NotNull(await store.FindNodeAsync(new NodeRef(NodeKind.Person, "C1"), cancellationToken));
    }

    [Fact]
    public async Task Single_writes_on_a_full_disk_fail_with_a_clear_message_and_keep_nothing()
    {
        Assert.SkipWhen(skipReason is not null, skipReason ?? "");
        var cancellationToken = TestContext.Current.CancellationToken;
        var path = Path.Combine(mount, "patchwork.db");
        var store = stores.Open(path);
        await store.InitializeAsync(cancellationToken);
        // Fill the disk with another file, leaving the store no room to grow.
        await using (var filler = File.Create(Path.Combine(mount, "filler")))
        {
            var block = new byte[4096];
            try
            {
                while (true)
                {
                    filler.Write(block);
                    filler.Flush();
                }
            }
            catch (IOException)
            {
                // The disk is full: that was the point.
            }
        }

        GraphStoreException? refused = null;
        var written = 0;
        for (var i = 0; i < 2_000 && refused is null; i++)
        {
            try
            {
                await store.AddNodeAsync(new Person($"P{i}", new string('x', 90), new string('y', 90)), cancellationToken);
                written++;
            }
            catch (GraphStoreException exception)
            {
                refused = exception;
            }
        }

        Assert.NotNull(refused);
        Assert.Contains("full", refused.Message, StringComparison.Ordinal);
        Assert.Equal(written, (await store.GetStatsAsync(cancellationToken)).Nodes[NodeKind.Person.Label()]);
        Assert.Equal("ok", IntegrityCheck(path));
    }

    private static IEnumerable<ImportRow> People(string prefix, int count)
    {
        for (var i = 0; i < count; i++)
        {
            yield return new ImportRow(new Person($"{prefix}{i}", $"Given{i} {new string('g', 40)}", $"Family{i} {new string('f', 40)}"), new SourceLine("people.csv", i + 2));
        }
    }

    private static string IntegrityCheck(string path)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA integrity_check";
        return (string)command.ExecuteScalar()!;
    }

    private static int Run(string program, params string[] args)
    {
        try
        {
            var start = new ProcessStartInfo(program) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
            foreach (var arg in args)
            {
                start.ArgumentList.Add(arg);
            }

            using var process = Process.Start(start)!;
            process.WaitForExit();
            return process.ExitCode;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return -1;
        }
    }
}
