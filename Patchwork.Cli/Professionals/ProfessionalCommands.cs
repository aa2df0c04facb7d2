using System.CommandLine;
using System.Globalization;
using Patchwork.Cli.Infrastructure;
using Patchwork.Graph.Access;
using Patchwork.Graph.Audit;
using Patchwork.Graph.Model;

namespace Patchwork.Cli.Professionals;

/// <summary>
/// <c>professionals show|link|unlink --email E</c>: the identity-provider accounts a professional signs in with, for
/// administrators fixing a refused sign-in (a replaced account, a shared email).
/// </summary>
internal static class ProfessionalCommands
{
    public static Command Create(CommonOptions common)
    {
        var professionals = new Command("professionals", "Show or change which identity-provider accounts a professional signs in with.");
        professionals.Add(Show(common));
        professionals.Add(Link(common));
        professionals.Add(Unlink(common));
        return professionals;
    }

    private static Option<string> Email() => new("--email") { Description = "The professional's work email.", HelpName = "EMAIL", Required = true };

    private static Command Show(CommonOptions common)
    {
        var email = Email();
        var command = new Command("show", "List the accounts a professional is linked to.") { email };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            await using var session = await common.OpenStoreAsync(parsed, cancellationToken).ConfigureAwait(false);
            var professional = await FindAsync(session, parsed.GetValue(email)!, cancellationToken).ConfigureAwait(false);
            var links = await session.Links.ForProfessionalAsync(professional.Id, cancellationToken).ConfigureAwait(false);
            var output = common.Context.Output;
            await output.WriteLineAsync($"{professional.DisplayName} ({professional.Id}, {professional.Email})").ConfigureAwait(false);
            if (links.Count == 0)
            {
                await output.WriteLineAsync("Not linked to any account yet: the first sign-in with this work email links it.").ConfigureAwait(false);
                return Cli.Ok;
            }

            var table = new Table("ISSUER", "SUBJECT", "LINKED (UTC)");
            foreach (var link in links)
            {
                table.Add(link.Issuer, link.Subject, link.LinkedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture));
            }

            await table.WriteAsync(output).ConfigureAwait(false);
            return Cli.Ok;
        });
        return command;
    }

    private static Command Link(CommonOptions common)
    {
        var email = Email();
        var issuer = new Option<string>("--issuer") { Description = "The identity provider's issuer, exactly as its tokens give it.", HelpName = "URL", Required = true };
        var subject = new Option<string>("--subject") { Description = "The account's subject (Entra ID's object id, else sub).", HelpName = "ID", Required = true };
        var command = new Command("link", "Link a professional to an account before its first sign-in.") { email, issuer, subject };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            await using var session = await common.OpenStoreAsync(parsed, cancellationToken).ConfigureAwait(false);
            var professional = await FindAsync(session, parsed.GetValue(email)!, cancellationToken).ConfigureAwait(false);
            var link = new IdentityLink(parsed.GetValue(issuer)!.Trim(), parsed.GetValue(subject)!.Trim(), professional.Id, professional.Email ?? "", common.Context.Clock.GetUtcNow());
            if (!await session.Links.LinkAsync(link, cancellationToken).ConfigureAwait(false))
            {
                var taken = await session.Links.FindAsync(link.Issuer, link.Subject, cancellationToken).ConfigureAwait(false);
                throw new GraphRuleException(taken is not null
                    ? $"That account is already linked to professional {taken.ProfessionalId}: unlink it there first."
                    : $"{professional.DisplayName} is already linked to another account at {link.Issuer}: unlink it first (patchwork professionals unlink --email {professional.Email} --issuer {link.Issuer}).");
            }

            await RecordAsync(session, professional, $"linked to account {link.Subject} at {link.Issuer} by an administrator", cancellationToken).ConfigureAwait(false);
            await common.Context.Output.WriteLineAsync($"{professional.DisplayName} is linked to {link.Subject} at {link.Issuer}.").ConfigureAwait(false);
            return Cli.Ok;
        });
        return command;
    }

    private static Command Unlink(CommonOptions common)
    {
        var email = Email();
        var issuer = new Option<string?>("--issuer") { Description = "Only the link at this issuer (default: every link).", HelpName = "URL" };
        var command = new Command("unlink", "Remove a professional's account links, so the next sign-in with their work email links again.") { email, issuer };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            await using var session = await common.OpenStoreAsync(parsed, cancellationToken).ConfigureAwait(false);
            var professional = await FindAsync(session, parsed.GetValue(email)!, cancellationToken).ConfigureAwait(false);
            var removed = await session.Links.UnlinkAsync(professional.Id, parsed.GetValue(issuer), cancellationToken).ConfigureAwait(false);
            if (removed > 0)
            {
                await RecordAsync(session, professional, $"{removed} account link(s) removed by an administrator", cancellationToken).ConfigureAwait(false);
            }

            await common.Context.Output.WriteLineAsync($"{removed} link(s) removed from {professional.DisplayName}.").ConfigureAwait(false);
            return Cli.Ok;
        });
        return command;
    }

    private static async Task<Professional> FindAsync(StoreSession session, string email, CancellationToken cancellationToken) =>
        await session.Store.FindProfessionalByEmailAsync(email.Trim(), cancellationToken).ConfigureAwait(false)
        ?? throw new GraphRuleException($"No professional has the work email {email.Trim()}. Check the spelling, or record the email on their professional record first.");

    private static Task RecordAsync(StoreSession session, Professional professional, string what, CancellationToken cancellationToken) =>
        session.Audit.AppendAsync(new AuditEntry("patchwork-cli", "Administrator (patchwork command)", AuditActions.Change, $"professional:{professional.Id}", [], null, what), cancellationToken);
}
