using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Patchwork.Graph.Model;
using Patchwork.Graph.Storage;
using Patchwork.Graph.Storage.Sqlite;

namespace Patchwork.Graph.Tests.Sqlite;

/// <summary>What only the embedded store has: its file, its journal mode, its schema versions and its locking.</summary>
public sealed class SqliteStoreTests : IDisposable
{
    private readonly TempStores stores = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => stores.Dispose();

    private static SqliteConnection OpenRaw(string path)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }

    private static T Scalar<T>(string path, string sql)
    {
        using var connection = OpenRaw(path);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (T)command.ExecuteScalar()!;
    }

    private static void Execute(string path, string sql)
    {
        using var connection = OpenRaw(path);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private async Task<IGraphStore> InitializedAsync(string path)
    {
        var store = stores.Open(path);
        await store.InitializeAsync(Ct);
        return store;
    }

    private static Person Someone(int i) => new($"p{i:0000}", "Resident", $"Number {i}");

    [Fact]
    public async Task Initialize_creates_the_store_file_and_its_missing_folders()
    {
        var path = Path.Combine(stores.Folder, "not", "yet", "there", "patchwork.db");

        await InitializedAsync(path);

        Assert.True(File.Exists(path));
    }

    [Fact]
    public async Task Initialize_turns_on_write_ahead_logging()
    {
        var path = stores.NewPath();

        await InitializedAsync(path);

        Assert.Equal("wal", Scalar<string>(path, "PRAGMA journal_mode;"));
    }

    [Fact]
    public async Task Initialize_records_the_schema_version()
    {
        var path = stores.NewPath();

        await InitializedAsync(path);

        Assert.Equal(SqliteSchema.Version, Scalar<long>(path, "PRAGMA user_version;"));
    }

    [Fact]
    public async Task Initialize_twice_and_from_a_second_store_keeps_the_schema_and_the_data()
    {
        var path = stores.NewPath();
        var first = await InitializedAsync(path);
        await first.AddNodeAsync(Someone(1), Ct);

        await first.InitializeAsync(Ct);
        var second = await InitializedAsync(path);

        Assert.Equal(Someone(1), await second.FindNodeAsync(Someone(1).Ref, Ct));
        Assert.Equal(1, (await second.GetStatsAsync(Ct)).Nodes["Person"]);
        Assert.Equal(SqliteSchema.Version, Scalar<long>(path, "PRAGMA user_version;"));
    }

    [Fact]
    public async Task Initialize_from_several_stores_at_once_on_an_unmigrated_file_migrates_once()
    {
        // The web app and the CLI may both start on a store file that has no schema yet. The file starts in WAL
        // mode, as a store that was opened but not yet migrated would be, so that no store waits on the journal switch.
        for (var round = 0; round < 10; round++)
        {
            var path = stores.NewPath();
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            Assert.Equal("wal", Scalar<string>(path, "PRAGMA journal_mode = WAL;"));
            var all = Enumerable.Range(0, 4).Select(_ => stores.Open(path)).ToList();
            using var start = new Barrier(all.Count);

            await Task.WhenAll(all.Select(store => Task.Run(
                async () =>
                {
                    start.SignalAndWait(Ct);
                    await store.InitializeAsync(Ct);
                },
                Ct)));

            Assert.Equal(SqliteSchema.Version, Scalar<long>(path, "PRAGMA user_version;"));
        }
    }

    [Fact]
    public async Task Initialize_store_file_of_a_newer_schema_is_refused_with_a_clear_message_and_left_alone()
    {
        var path = stores.NewPath();
        await InitializedAsync(path);
        var newer = SqliteSchema.Version + 1;
        Execute(path, $"PRAGMA user_version = {newer};");

        var refused = await Assert.ThrowsAsync<GraphStoreException>(() => stores.Open(path).InitializeAsync(Ct));

        Assert.Contains("newer Patchwork", refused.Message, StringComparison.Ordinal);
        Assert.Contains($"schema {newer}", refused.Message, StringComparison.Ordinal);
        Assert.Equal(newer, Scalar<long>(path, "PRAGMA user_version;"));
    }

    [Fact]
    public async Task Initialize_file_that_is_not_a_store_is_refused_with_a_store_exception()
    {
        var path = stores.NewPath();
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllTextAsync(path, "id,name\nP001,Ava Turner\n" + new string('x', 4096), Ct);

        var refused = await Assert.ThrowsAsync<GraphStoreException>(() => stores.Open(path).InitializeAsync(Ct));

        Assert.IsType<SqliteException>(refused.InnerException);
    }

    [Fact]
    public async Task Writes_to_a_read_only_store_file_give_a_store_exception_and_change_nothing()
    {
        var path = stores.NewPath();
        var writer = await InitializedAsync(path);
        await writer.AddNodeAsync(Someone(1), Ct);
        ((IDisposable)writer).Dispose();
        using var readOnly = ReadOnlyFile.Make(path);
        Assert.SkipWhen(readOnly.SkipReason is not null, readOnly.SkipReason ?? "");
        var store = stores.Open(path);

        var refused = await Assert.ThrowsAsync<GraphStoreException>(() => store.AddNodeAsync(Someone(2), Ct));

        Assert.Contains("read-only", refused.Message, StringComparison.Ordinal);
        Assert.IsType<SqliteException>(refused.InnerException);
        readOnly.Undo();
        var reopened = stores.Open(path);
        Assert.Null(await reopened.FindNodeAsync(Someone(2).Ref, Ct));
        Assert.Equal(1, (await reopened.GetStatsAsync(Ct)).Nodes["Person"]);
    }

    [Fact]
    public async Task Writes_to_a_store_in_a_read_only_folder_give_a_store_exception_and_change_nothing()
    {
        var path = stores.NewPath();
        var writer = await InitializedAsync(path);
        await writer.AddNodeAsync(Someone(1), Ct);
        ((IDisposable)writer).Dispose();
        using var readOnlyFile = ReadOnlyFile.Make(path);
        using var readOnlyFolder = ReadOnlyFile.Make(Path.GetDirectoryName(path)!);
        Assert.SkipWhen(readOnlyFile.SkipReason is not null, readOnlyFile.SkipReason ?? "");
        Assert.SkipWhen(readOnlyFolder.SkipReason is not null, readOnlyFolder.SkipReason ?? "");
        var store = stores.Open(path);

        var refused = await Assert.ThrowsAsync<GraphStoreException>(() => store.AddNodeAsync(Someone(2), Ct));
        var import = await Assert.ThrowsAsync<GraphStoreException>(() => store.ImportAsync([new(Someone(3), new("persons.csv", 2))], cancellationToken: Ct));

        Assert.Contains("could not be opened", refused.Message, StringComparison.Ordinal);
        Assert.IsType<SqliteException>(refused.InnerException);
        Assert.IsType<SqliteException>(import.InnerException);
        readOnlyFolder.Undo();
        readOnlyFile.Undo();
        var reopened = stores.Open(path);
        Assert.Null(await reopened.FindNodeAsync(Someone(2).Ref, Ct));
        Assert.Null(await reopened.FindNodeAsync(Someone(3).Ref, Ct));
        Assert.Equal(1, (await reopened.GetStatsAsync(Ct)).Nodes["Person"]);
    }

    [Fact]
    public async Task Concurrent_writers_through_two_stores_on_one_file_all_succeed()
    {
        var path = stores.NewPath();
        IGraphStore[] both = [await InitializedAsync(path), await InitializedAsync(path)];
        using var start = new Barrier(8);

        // Store work runs on the caller's thread, so each writer gets a thread of its own.
        var writers = Enumerable.Range(0, 8).Select(w => Task.Run(
            async () =>
            {
                var store = both[w % 2];
                start.SignalAndWait(Ct);
                for (var i = 0; i < 50; i++)
                {
                    await store.AddNodeAsync(Someone((w * 50) + i), Ct);
                }
            },
            Ct));
        await Task.WhenAll(writers);

        Assert.Equal(400, (await both[0].GetStatsAsync(Ct)).Nodes["Person"]);
        Assert.Equal(400, (await both[1].GetStatsAsync(Ct)).Nodes["Person"]);
    }

    [Fact]
    public async Task Concurrent_readers_and_writers_through_two_stores_see_no_lock_errors()
    {
        var path = stores.NewPath();
        IGraphStore[] both = [await InitializedAsync(path), await InitializedAsync(path)];
        await both[0].AddNodeAsync(new Household("h1", "Shared household"), Ct);
        await both[0].AddNodeAsync(Someone(9999), Ct);
        await both[0].AddRelationshipAsync(new Membership("p9999", "h1", new Period(new DateOnly(2020, 1, 1)), new Recorded(DateTimeOffset.UnixEpoch, "test")), Ct);
        using var start = new Barrier(8);

        var tasks = Enumerable.Range(0, 8).Select(w => Task.Run(
            async () =>
            {
                var store = both[w % 2];
                start.SignalAndWait(Ct);
                for (var i = 0; i < 50; i++)
                {
                    if (w % 4 == 0)
                    {
                        await store.OpenNetworkAsync("p9999", new DateOnly(2024, 6, 15), cancellationToken: Ct);
                        await store.SearchAsync("resident", cancellationToken: Ct);
                        continue;
                    }

                    var person = Someone((w * 50) + i);
                    await store.AddNodeAsync(person, Ct);
                    await store.AddRelationshipAsync(new Membership(person.Id, "h1", new Period(new DateOnly(2020, 1, 1)), new Recorded(DateTimeOffset.UnixEpoch, "test")), Ct);
                }
            },
            Ct));
        await Task.WhenAll(tasks);

        var stats = await both[1].GetStatsAsync(Ct);
        Assert.Equal(301, stats.Nodes["Person"]);
        Assert.Equal(301, stats.Relationships["MEMBER_OF"]);
    }

    /// <summary>
    /// Makes a store file read-only. Root ignores the read-only mode, so for root the file is also marked immutable
    /// (chattr +i); where that is not possible the test says so and is skipped.
    /// </summary>
    private sealed class ReadOnlyFile : IDisposable
    {
        private readonly string path;
        private readonly FileAttributes attributes;
        private bool immutable;
        private bool undone;

        private ReadOnlyFile(string path)
        {
            this.path = path;
            attributes = File.GetAttributes(path);
        }

        public string? SkipReason { get; private set; }

        public static ReadOnlyFile Make(string path)
        {
            var file = new ReadOnlyFile(path);
            File.SetAttributes(path, file.attributes | FileAttributes.ReadOnly);
            if (CanOpenForWriting(path))
            {
                file.immutable = Chattr("+i", path);
                if (!file.immutable || CanOpenForWriting(path))
                {
                    file.SkipReason = "This user can write to read-only files and the file cannot be made immutable here (chattr +i).";
                }
            }

            return file;
        }

        public void Undo()
        {
            if (undone)
            {
                return;
            }

            undone = true;
            if (immutable)
            {
                Chattr("-i", path);
            }

            File.SetAttributes(path, attributes);
        }

        public void Dispose() => Undo();

        private static bool CanOpenForWriting(string path)
        {
            try
            {
                if (Directory.Exists(path))
                {
                    var probe = Path.Combine(path, Guid.NewGuid().ToString("N"));
                    File.WriteAllBytes(probe, []);
                    File.Delete(probe);
                    return true;
                }

                using var stream = File.Open(path, FileMode.Open, FileAccess.ReadWrite);
                return true;
            }
            catch (UnauthorizedAccessException)
            {
                return false;
            }
            catch (IOException)
            {
                return false;
            }
        }

        private static bool Chattr(string flag, string path)
        {
            try
            {
                using var process = Process.Start(new ProcessStartInfo("chattr", [flag, path]) { RedirectStandardError = true, RedirectStandardOutput = true });
                process!.WaitForExit();
                return process.ExitCode == 0;
            }
            catch (System.ComponentModel.Win32Exception)
            {
                return false;
            }
        }
    }
}
