using System.CommandLine;
using System.Diagnostics;
using Patchwork.Cli.Infrastructure;
using Patchwork.Graph.Import;

namespace Patchwork.Cli.Transfer;

/// <summary><c>import</c> and <c>export</c>: moving a whole district in and out in the bulk format.</summary>
internal static class TransferCommands
{
    public static IEnumerable<Command> Create(CommonOptions common)
    {
        yield return Import(common);
        yield return Export(common);
    }

    private static Command Import(CommonOptions common)
    {
        var directory = new Argument<string>("DIR") { Description = "The folder of CSV files (neo4j-admin import format)." };
        var shiftToToday = new Option<bool>("--shift-to-today") { Description = "Move every date so that the folder's reference-date.txt becomes today." };
        var shiftDays = new Option<int?>("--shift-days") { Description = "Move every date by this many days.", HelpName = "N" };
        var command = new Command("import", "Load a folder in the bulk format, all or nothing: the first bad row stops the import and nothing is kept.")
        {
            directory, shiftToToday, shiftDays,
        };
        command.Validators.Add(result =>
        {
            if (result.GetValue(shiftToToday) && result.GetResult(shiftDays) is not null)
            {
                result.AddError("give --shift-to-today or --shift-days, not both.");
            }
        });
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var context = common.Context;
            var folder = parsed.GetRequiredValue(directory);
            var shift = parsed.GetValue(shiftToToday) ? ReferenceDate.ShiftToToday(folder, context.Today) : parsed.GetValue(shiftDays) ?? 0;
            var reader = new BulkFormatReader(folder, shift);
            await using var session = await common.OpenStoreAsync(parsed, cancellationToken).ConfigureAwait(false);
            var progress = new ConsoleProgress(context, "rows", _ => reader.TotalBytes > 0 ? (double)reader.BytesRead / reader.TotalBytes : null);
            var stopwatch = Stopwatch.StartNew();
            ImportSummary summary;
            var announcement = await ImportAnnouncement.ForAsync(session.Store, cancellationToken).ConfigureAwait(false);
            try
            {
                summary = await session.Store.ImportAsync(announcement.Noting(reader.InBackground()), progress, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                progress.Done();
            }

            // After the commit: the screens that redraw find the imported rows there.
            await announcement.AnnounceAsync(session.Store, session.Changes, cancellationToken).ConfigureAwait(false);

            var seconds = stopwatch.Elapsed.TotalSeconds;
            var output = context.Output;
            await output.WriteLineAsync($"Imported {summary.Nodes:N0} nodes and {summary.Relationships:N0} relationships and contacts ({summary.Rows:N0} rows) into {session.Path}").ConfigureAwait(false);
            await output.WriteLineAsync($"in {seconds:N1} s: {(seconds > 0 ? summary.Rows / seconds : summary.Rows):N0} rows/s.{(shift != 0 ? $" Dates moved by {shift:N0} days." : "")}").ConfigureAwait(false);
            return Cli.Ok;
        });
        return command;
    }

    private static Command Export(CommonOptions common)
    {
        var directory = new Argument<string>("DIR") { Description = "The folder to write the nine CSV files to (created if missing)." };
        var command = new Command("export", "Write the whole store as CSV files in the bulk format, which import reads back.") { directory };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var context = common.Context;
            var folder = parsed.GetRequiredValue(directory);
            await using var session = await common.OpenStoreAsync(parsed, cancellationToken).ConfigureAwait(false);
            var stats = await session.Store.GetStatsAsync(cancellationToken).ConfigureAwait(false);
            var total = stats.Nodes.Values.Sum() + stats.Relationships.Values.Sum();
            var progress = new ConsoleProgress(context, "rows", rows => total > 0 ? (double)rows / total : null);
            var stopwatch = Stopwatch.StartNew();
            long rows;
            try
            {
                rows = await new BulkFormatWriter(folder).WriteAsync(session.Store, progress, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                progress.Done();
            }

            await context.Output.WriteLineAsync($"Exported {rows:N0} rows to {Path.GetFullPath(folder)} in {stopwatch.Elapsed.TotalSeconds:N1} s.").ConfigureAwait(false);
            return Cli.Ok;
        });
        return command;
    }
}
