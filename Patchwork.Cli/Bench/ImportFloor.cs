using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Patchwork.Graph.Import;
using Patchwork.Graph.Storage.Sqlite;

namespace Patchwork.Cli.Bench;

/// <summary>
/// What an import could cost at the least on this machine, measured in the same run as the store's import: every
/// row of the district's CSV files read the same way and inserted as text, a table per file with one text column per
/// field and no key, index or check, in one transaction through prepared statements, into a scratch file with the
/// store's page size, log and cache. The store's import does that and more (types, rules, keys, indexes, full-text
/// search), so the ratio of the two says how much the store adds.
/// </summary>
internal static class ImportFloor
{
    public static (long Rows, TimeSpan Elapsed) Measure(string folder, string scratch, CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        long rows = 0;
        try
        {
            using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = scratch, Pooling = false }.ToString());
            connection.Open();
            using (var pragma = connection.CreateCommand())
            {
                pragma.CommandText = $"PRAGMA page_size = {SqliteSession.PageSize}; PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA cache_size = -2097152;";
                pragma.ExecuteNonQuery();
            }

            using var transaction = connection.BeginTransaction();
            var files = Directory.EnumerateFiles(folder, "*.csv").Order(StringComparer.Ordinal).ToList();
            for (var f = 0; f < files.Count; f++)
            {
                using var csv = BulkFormatReader.OpenFile(files[f]);
                var fields = csv.Headers.Count;
                using (var create = connection.CreateCommand())
                {
                    create.Transaction = transaction;
                    create.CommandText = $"CREATE TABLE f{f}({string.Join(", ", Enumerable.Range(0, fields).Select(i => $"c{i} TEXT"))})";
                    create.ExecuteNonQuery();
                }

                using var insert = new RawStatement(connection, $"INSERT INTO f{f} VALUES ({string.Join(", ", Enumerable.Range(1, fields).Select(i => $"?{i}"))})");
                while (csv.Read())
                {
                    if ((++rows & 0xFFFF) == 0)
                    {
                        cancellationToken.ThrowIfCancellationRequested();
                    }

                    for (var i = 0; i < fields; i++)
                    {
                        insert.BindUtf8(i + 1, i < csv.FieldCount ? csv.GetSpan(i) : []);
                    }

                    insert.Run();
                }
            }

            transaction.Commit();
            using (var checkpoint = connection.CreateCommand())
            {
                // The store's import ends the same way: the log copied into the file.
                checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE)";
                checkpoint.ExecuteNonQuery();
            }

            return (rows, stopwatch.Elapsed);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            foreach (var file in new[] { scratch, scratch + "-wal", scratch + "-shm" })
            {
                File.Delete(file);
            }
        }
    }
}
