using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Patchwork.Cli.Infrastructure;
using Patchwork.Graph.Model;

namespace Patchwork.Cli.Sessions;

/// <summary>
/// <c>sessions list [--email E]</c> shows who is signed in; <c>sessions end --email E</c> signs a person out
/// everywhere (a lost laptop, someone who has left), audited.
/// </summary>
internal static class SessionCommands
{
    public static Command Create(CommonOptions common)
    {
        var sessions = new Command("sessions", "List who is signed in to the web app, or sign a person out everywhere.");
        sessions.Add(List(common));
        sessions.Add(End(common));
        return sessions;
    }

    private static Option<string> Email(bool required) => new("--email")
    {
        Description = required ? "The email of the professional whose sessions to end." : "Only this professional's sessions.",
        HelpName = "EMAIL",
        Required = required,
    };

    private static Command List(CommonOptions common)
    {
        var email = Email(required: false);
        var json = CommonOptions.Json();
        var command = new Command("list", "List the sessions in use now (signed in, used within the idle timeout), newest first.") { email, json };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            await using var session = await common.OpenStoreAsync(parsed, cancellationToken).ConfigureAwait(false);
            var professional = parsed.GetValue(email) is { } address ? await FindAsync(session, address, cancellationToken).ConfigureAwait(false) : null;
            var active = await session.Sessions.ActiveAsync(professional?.Id, cancellationToken).ConfigureAwait(false);
            var output = common.Context.Output;
            if (parsed.GetValue(json))
            {
                var array = new JsonArray();
                foreach (var s in active)
                {
                    array.Add(new JsonObject
                    {
                        ["professionalId"] = s.ProfessionalId,
                        ["name"] = s.Name,
                        ["email"] = s.Email,
                        ["signedInAt"] = Iso(s.CreatedAt),
                        ["lastSeenAt"] = Iso(s.LastSeenAt),
                        ["endsAtLatest"] = Iso(s.ExpiresAt),
                    });
                }

                await JsonOutput.WriteAsync(output, array).ConfigureAwait(false);
                return Cli.Ok;
            }

            var table = new Table("WHO", "EMAIL", "SIGNED IN (UTC)", "LAST SEEN (UTC)", "ENDS AT LATEST (UTC)");
            foreach (var s in active)
            {
                table.Add(s.ProfessionalId is null ? $"{s.Name} (not linked)" : $"{s.Name} ({s.ProfessionalId})", s.Email, Shown(s.CreatedAt), Shown(s.LastSeenAt), Shown(s.ExpiresAt));
            }

            await table.WriteAsync(output).ConfigureAwait(false);
            await output.WriteLineAsync($"{active.Count} session(s).").ConfigureAwait(false);
            return Cli.Ok;
        });
        return command;
    }

    private static Command End(CommonOptions common)
    {
        var email = Email(required: true);
        var command = new Command("end", "End every session of a professional: each open page and copy of their cookie is sent to sign in (audited).") { email };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            await using var session = await common.OpenStoreAsync(parsed, cancellationToken).ConfigureAwait(false);
            var professional = await FindAsync(session, parsed.GetValue(email)!, cancellationToken).ConfigureAwait(false);
            var user = Environment.UserName;
            var ended = await session.Sessions.EndAllAsync(professional.Id, $"cli:{user}", $"{user} (patchwork sessions end)", cancellationToken).ConfigureAwait(false);
            await common.Context.Output.WriteLineAsync(
                $"Ended {ended.Count} session(s) of {professional.DisplayName} ({professional.Id}); they must sign in again.").ConfigureAwait(false);
            return Cli.Ok;
        });
        return command;
    }

    private static async Task<Professional> FindAsync(StoreSession session, string email, CancellationToken cancellationToken) =>
        await session.Store.FindProfessionalByEmailAsync(email.Trim(), cancellationToken).ConfigureAwait(false)
        ?? throw new UsageException($"--email: no professional in {session.Path} has the email '{email}'; nothing was changed.");

    private static string Iso(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    private static string Shown(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
}
