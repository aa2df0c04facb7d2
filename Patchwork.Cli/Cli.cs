using System.CommandLine;
using Microsoft.Extensions.Options;
using Patchwork.Cli.Audit;
using Patchwork.Cli.Bench;
using Patchwork.Cli.Generate;
using Patchwork.Cli.Infrastructure;
using Patchwork.Cli.Professionals;
using Patchwork.Cli.Queries;
using Patchwork.Cli.Sessions;
using Patchwork.Cli.Stats;
using Patchwork.Cli.Transfer;
using Patchwork.Graph.Model;

namespace Patchwork.Cli;

/// <summary>
/// The <c>patchwork</c> command: parses the arguments, runs one command and turns the errors a user can act on
/// into a one-line message and an exit code (2 for a bad command line, 1 for a command that failed).
/// </summary>
internal static class Cli
{
    public const int Ok = 0;
    public const int Failed = 1;
    public const int Usage = 2;

    public static Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, bool interactive = false) =>
        RunAsync(args, new CliContext(output, error, interactive));

    public static async Task<int> RunAsync(string[] args, CliContext context, CancellationToken cancellationToken = default)
    {
        var root = BuildCommand(context);
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var message in parsed.Errors.Select(e => e.Message).Distinct())
            {
                await context.Error.WriteLineAsync($"patchwork: {message}").ConfigureAwait(false);
            }

            return Usage;
        }

        try
        {
            return await parsed.InvokeAsync(
                new InvocationConfiguration { Output = context.Output, Error = context.Error, EnableDefaultExceptionHandler = false },
                cancellationToken).ConfigureAwait(false);
        }
        catch (UsageException exception)
        {
            await context.Error.WriteLineAsync($"patchwork: {exception.Message}").ConfigureAwait(false);
            return Usage;
        }
        catch (Exception exception) when (exception is GraphRuleException or GraphStoreException or OptionsValidationException or IOException or UnauthorizedAccessException)
        {
            await context.Error.WriteLineAsync($"patchwork: {exception.Message}").ConfigureAwait(false);
            return Failed;
        }
        catch (OperationCanceledException)
        {
            await context.Error.WriteLineAsync("patchwork: cancelled; nothing was changed.").ConfigureAwait(false);
            return 130;
        }
    }

    internal static RootCommand BuildCommand(CliContext context)
    {
        var common = new CommonOptions(context);
        var root = new RootCommand("Patchwork: the network of people, households, professionals and agencies around a child.");
        root.Add(common.Db);
        root.Add(common.Checkpoints);
        foreach (var command in TransferCommands.Create(common))
        {
            root.Add(command);
        }

        root.Add(StatsCommand.Create(common));
        root.Add(QueryCommands.Create(common));
        root.Add(GenerateCommand.Create(common));
        root.Add(AuditCommands.Create(common));
        root.Add(SessionCommands.Create(common));
        root.Add(ProfessionalCommands.Create(common));
        root.Add(BenchCommand.Create(common));
        return root;
    }
}
