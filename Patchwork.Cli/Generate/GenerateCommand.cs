using System.CommandLine;
using System.Diagnostics;
using Patchwork.Cli.Infrastructure;

namespace Patchwork.Cli.Generate;

/// <summary><c>generate</c>: a made-up district of any size in the bulk format, the same for the same seed.</summary>
internal static class GenerateCommand
{
    public static Command Create(CommonOptions common)
    {
        var persons = CommonOptions.Count("--persons", "How many people the district has.", 1_000, 1, 50_000_000);
        var seed = new Option<int>("--seed") { Description = "The seed: the same seed gives the same district.", HelpName = "S", DefaultValueFactory = _ => 1 };
        var directory = new Argument<string>("DIR") { Description = "The folder to write the CSV files to; it must hold none yet." };
        var command = new Command("generate", "Make up a district in the bulk format (reference date 2026-06-01; import --shift-to-today makes it current).")
        {
            persons, seed, directory,
        };
        command.SetAction((parsed, cancellationToken) =>
        {
            var context = common.Context;
            var folder = parsed.GetRequiredValue(directory);
            if (Directory.Exists(folder) && Directory.EnumerateFiles(folder, "*.csv").Any())
            {
                throw new UsageException($"'{folder}' already holds CSV files; generate into a new or empty folder.");
            }

            var count = parsed.GetValue(persons);
            var progress = new ConsoleProgress(context, "persons", done => (double)done / count);
            var stopwatch = Stopwatch.StartNew();
            DistrictSummary summary;
            try
            {
                summary = new DistrictGenerator(count, parsed.GetValue(seed)).Write(folder, progress, cancellationToken);
            }
            finally
            {
                progress.Done();
            }

            context.Output.WriteLine(
                $"Generated {summary.Persons:N0} persons in {summary.Households:N0} households, {summary.Professionals:N0} professionals and {summary.Agencies:N0} agencies: {summary.Rows:N0} rows in {Path.GetFullPath(folder)} ({stopwatch.Elapsed.TotalSeconds:N1} s).");
            return Task.FromResult(Cli.Ok);
        });
        return command;
    }
}
