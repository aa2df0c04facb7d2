using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Patchwork.Cli.Infrastructure;
using Patchwork.Graph.Audit;

namespace Patchwork.Cli.Audit;

/// <summary>
/// <c>audit verify</c> checks the hash chain, the signed checkpoints and the per-person index; <c>audit show --person ID</c>
/// lists who looked at a person; <c>audit generate</c> and <c>audit bench</c> make a large trail and time those two on it.
/// </summary>
internal static class AuditCommands
{
    public static Command Create(CommonOptions common)
    {
        var audit = new Command("audit", "Check the audit trail, or list who looked at a person.");
        audit.Add(Verify(common));
        audit.Add(Show(common));
        audit.Add(Generate(common));
        audit.Add(Bench(common));
        return audit;
    }

    private static Command Verify(CommonOptions common)
    {
        var command = new Command("verify", "Check that no audit record was changed or removed, the newest included, and that the per-person index matches the records (exit code 1 when not).");
        command.SetAction(async (parsed, cancellationToken) =>
        {
            await using var session = await common.OpenStoreAsync(parsed, cancellationToken).ConfigureAwait(false);
            var result = await session.Audit.VerifyAsync(cancellationToken).ConfigureAwait(false);
            if (result.IsIntact)
            {
                await common.Context.Output.WriteLineAsync($"audit trail intact: {result.RecordsChecked:N0} records checked.").ConfigureAwait(false);
                return Cli.Ok;
            }

            foreach (var problem in result.Problems)
            {
                await common.Context.Error.WriteLineAsync($"patchwork: audit trail broken: {problem}.").ConfigureAwait(false);
            }

            await common.Context.Error.WriteLineAsync($"patchwork: checked {result.RecordsChecked:N0} records.").ConfigureAwait(false);
            return Cli.Failed;
        });
        return command;
    }

    private static Command Generate(CommonOptions common)
    {
        var records = CommonOptions.Count("--records", "How many records to append.", 1_000_000, 1);
        var persons = CommonOptions.Count("--persons", "How many people the records are about (ids as patchwork generate makes them).", 1_000_000, 1, 50_000_000);
        var seed = new Option<int>("--seed") { Description = "The seed: the same seed makes the same records.", HelpName = "S", DefaultValueFactory = _ => 1 };
        var command = new Command("generate", "Append made-up, correctly chained records to the audit trail, with their checkpoints, to measure the audit commands on. Not for a trail in use.") { records, persons, seed };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            await using var session = await common.OpenStoreAsync(parsed, cancellationToken).ConfigureAwait(false);
            if (session.Audit is not IAuditBulkAppend bulk)
            {
                throw new UsageException("this governance store cannot append records in bulk.");
            }

            var count = parsed.GetValue(records);
            var newest = await bulk.NewestAsync(cancellationToken).ConfigureAwait(false);
            var clock = Stopwatch.StartNew();
            long written = 0;
            foreach (var batch in new AuditGenerator(parsed.GetValue(persons), parsed.GetValue(seed)).Records(count, newest, 200_000))
            {
                await bulk.AppendChainedAsync(batch, cancellationToken).ConfigureAwait(false);
                written += batch.Count;
                await common.Context.Error.WriteLineAsync($"audit generate: {written:N0} of {count:N0} records").ConfigureAwait(false);
            }

            await common.Context.Output.WriteLineAsync($"appended {written:N0} records in {clock.Elapsed.TotalSeconds:F1} s; the trail ends at {(newest?.Sequence ?? 0) + written:N0}.").ConfigureAwait(false);
            return Cli.Ok;
        });
        return command;
    }

    private static Command Bench(CommonOptions common)
    {
        var persons = CommonOptions.Count("--persons", "The --persons the trail was generated with: the people whose records are listed.", 1_000_000, 1, 50_000_000);
        var samples = CommonOptions.Count("--samples", "Timed lists of one person's records (as many again warm up first).", 200, 1);
        var seed = new Option<int>("--seed") { Description = "The seed for the people drawn.", HelpName = "S", DefaultValueFactory = _ => 1 };
        var command = new Command("bench", "Time audit verify over the whole trail, and the list of one person's records (as audit show --person reads it) for random people; writes JSON.") { persons, samples, seed };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            await using var session = await common.OpenStoreAsync(parsed, cancellationToken).ConfigureAwait(false);
            var load = Patchwork.Cli.Bench.StoreBenchmark.LoadAverage();
            var clock = Stopwatch.StartNew();
            var verified = await session.Audit.VerifyAsync(cancellationToken).ConfigureAwait(false);
            var verifySeconds = clock.Elapsed.TotalSeconds;
            var generator = new AuditGenerator(parsed.GetValue(persons), 0);
            var random = new Random(parsed.GetValue(seed));
            var count = parsed.GetValue(samples);
            var people = Enumerable.Range(0, 2 * count).Select(_ => generator.PersonId(random.Next(1, parsed.GetValue(persons) + 1))).ToList();
            var times = new List<double>();
            long listed = 0;
            for (var i = 0; i < people.Count; i++)
            {
                var started = Stopwatch.GetTimestamp();
                var found = await session.Audit.ForPersonAsync(people[i], 200, cancellationToken).ConfigureAwait(false);
                var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                if (i >= count)
                {
                    times.Add(elapsed);
                    listed += found.Count;
                }
            }

            times.Sort();
            var result = new JsonObject
            {
                ["records"] = verified.RecordsChecked,
                ["intact"] = verified.IsIntact,
                ["problem"] = verified.Problem,
                ["verifySeconds"] = Math.Round(verifySeconds, 2),
                ["verifyRecordsPerSecond"] = Math.Round(verified.RecordsChecked / verifySeconds),
                ["showSamples"] = count,
                ["showMeanRecords"] = Math.Round((double)listed / count, 1),
                ["showP50Ms"] = Math.Round(Patchwork.Cli.Bench.QuestionTimes.Percentile([.. times], 50), 3),
                ["showP95Ms"] = Math.Round(Patchwork.Cli.Bench.QuestionTimes.Percentile([.. times], 95), 3),
                ["showP99Ms"] = Math.Round(Patchwork.Cli.Bench.QuestionTimes.Percentile([.. times], 99), 3),
                ["loadAverage"] = load,
                ["cores"] = Environment.ProcessorCount,
            };
            await JsonOutput.WriteAsync(common.Context.Output, result).ConfigureAwait(false);
            return Cli.Ok;
        });
        return command;
    }

    private static Command Show(CommonOptions common)
    {
        var person = new Option<string>("--person") { Description = "The person's id.", HelpName = "ID", Required = true };
        var take = CommonOptions.Count("--take", "How many records at most, newest first.", 200, 1, 100_000);
        var json = CommonOptions.Json();
        var command = new Command("show", "List who viewed, searched for, stepped out to or changed a person, newest first.") { person, take, json };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            await using var session = await common.OpenStoreAsync(parsed, cancellationToken).ConfigureAwait(false);
            var records = await session.Audit.ForPersonAsync(parsed.GetValue(person)!, parsed.GetValue(take), cancellationToken).ConfigureAwait(false);
            var output = common.Context.Output;
            if (parsed.GetValue(json))
            {
                var array = new JsonArray();
                foreach (var record in records)
                {
                    array.Add(new JsonObject
                    {
                        ["sequence"] = record.Sequence,
                        ["at"] = record.At.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
                        ["actor"] = record.Entry.Actor,
                        ["actorName"] = record.Entry.ActorName,
                        ["action"] = record.Entry.Action,
                        ["target"] = record.Entry.Target,
                        ["reason"] = record.Entry.Reason,
                        ["details"] = record.Entry.Details,
                    });
                }

                await JsonOutput.WriteAsync(output, array).ConfigureAwait(false);
                return Cli.Ok;
            }

            var table = new Table("WHEN (UTC)", "WHO", "WHAT", "ON", "WHY");
            foreach (var record in records)
            {
                table.Add(record.At.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture), $"{record.Entry.ActorName} ({record.Entry.Actor})", record.Entry.Action, record.Entry.Target, record.Entry.Reason);
            }

            await table.WriteAsync(output).ConfigureAwait(false);
            await output.WriteLineAsync($"{records.Count} record(s).").ConfigureAwait(false);
            return Cli.Ok;
        });
        return command;
    }
}
