using Microsoft.Data.Sqlite;
using Patchwork.Graph.Access;
using static Patchwork.Graph.Storage.Sqlite.SqliteRows;

namespace Patchwork.Graph.Storage.Sqlite;

/// <summary>Identity links, beside the audit trail in the same file.</summary>
internal sealed partial class SqliteGovernanceStore : IIdentityLinks
{
    private const string LinkColumns = "issuer, subject, professional_id, email, linked_at";

    public Task<IdentityLink?> FindAsync(string issuer, string subject, CancellationToken cancellationToken = default) =>
        Task.FromResult(ReadLinks($"SELECT {LinkColumns} FROM identity_link WHERE issuer = $issuer AND subject = $subject", c => c.With("$issuer", issuer).With("$subject", subject)).FirstOrDefault());

    public Task<IReadOnlyList<IdentityLink>> ForProfessionalAsync(string professionalId, CancellationToken cancellationToken = default) =>
        Task.FromResult(ReadLinks($"SELECT {LinkColumns} FROM identity_link WHERE professional_id = $pro ORDER BY linked_at, issuer", c => c.With("$pro", professionalId)));

    public async Task<bool> LinkAsync(IdentityLink link, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(link);
        using var lease = await Pool.RentWriterAsync(cancellationToken).ConfigureAwait(false);
        // Both unique keys (issuer and subject; professional and issuer) refuse in the database, so two sign-ins at
        // once cannot link two accounts.
        return lease.Session.Command($"INSERT INTO identity_link({LinkColumns}) VALUES ($issuer, $subject, $pro, $email, $at) ON CONFLICT DO NOTHING")
            .With("$issuer", link.Issuer).With("$subject", link.Subject).With("$pro", link.ProfessionalId).With("$email", link.Email).With("$at", Millis(link.LinkedAt))
            .ExecuteNonQuery() == 1;
    }

    public async Task<int> UnlinkAsync(string professionalId, string? issuer = null, CancellationToken cancellationToken = default)
    {
        using var lease = await Pool.RentWriterAsync(cancellationToken).ConfigureAwait(false);
        return lease.Session.Command("DELETE FROM identity_link WHERE professional_id = $pro AND ($issuer IS NULL OR issuer = $issuer)")
            .With("$pro", professionalId).With("$issuer", Text(issuer)).ExecuteNonQuery();
    }

    private IReadOnlyList<IdentityLink> ReadLinks(string sql, Action<SqliteCommand> bind)
    {
        using var lease = Pool.Rent();
        var command = lease.Session.Command(sql);
        bind(command);
        using var reader = command.ExecuteReader();
        var links = new List<IdentityLink>();
        while (reader.Read())
        {
            links.Add(new IdentityLink(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.InstantAt(4)));
        }

        return links;
    }
}
