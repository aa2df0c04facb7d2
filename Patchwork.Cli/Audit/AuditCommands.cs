using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Patchwork.Cli.Infrastructure;

namespace Patchwork.Cli.Audit;

/// <summary><c>audit verify</c> checks the hash chain, the signed checkpoints and the per-person index; <c>audit show --person ID</c> lists who looked at a person.</summary>
internal static class AuditCommands
{
    public static Command Create(CommonOptions common)
    {
        var audit = new Command("audit", "Check the audit trail, or list who looked at a person.");
        audit.Add(Verify(common));
        audit.Add(Show(common));
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
