using Microsoft.Data.Sqlite;
using Patchwork.Graph.Changes;
using static Patchwork.Graph.Storage.Sqlite.SqliteRows;

namespace Patchwork.Graph.Storage.Sqlite;

/// <summary>Invitations and concerns, beside the audit trail in the same file.</summary>
internal sealed partial class SqliteGovernanceStore : IInvitationStore, IConcernStore
{
    private const string InvitationColumns = "id, person_id, professional_id, role, message, invited_by, invited_by_name, invited_at, status, responded_at";
    private const string ConcernColumns = "id, person_id, raised_by, raised_by_name, agency_id, agency_name, raised_at, note";

    public async Task<Invitation> AddAsync(Invitation invitation, CancellationToken cancellationToken = default)
    {
        using var lease = await Pool.RentWriterAsync(cancellationToken).ConfigureAwait(false);
        var id = (long)lease.Session.Command("INSERT INTO invitation(person_id, professional_id, role, message, invited_by, invited_by_name, invited_at, status) VALUES ($person, $pro, $role, $message, $by, $name, $at, $status) RETURNING id")
            .With("$person", invitation.PersonId).With("$pro", invitation.ProfessionalId).With("$role", invitation.Role).With("$message", Text(invitation.Message))
            .With("$by", invitation.InvitedBy).With("$name", invitation.InvitedByName).With("$at", Millis(invitation.InvitedAt)).With("$status", (int)InvitationStatus.Pending)
            .ExecuteScalar()!;
        return invitation with { Id = id, Status = InvitationStatus.Pending, RespondedAt = null };
    }

    public Task<Invitation?> FindAsync(long id, CancellationToken cancellationToken = default) =>
        Task.FromResult(ReadInvitations($"SELECT {InvitationColumns} FROM invitation WHERE id = $id", c => c.With("$id", id)).FirstOrDefault());

    public Task<IReadOnlyList<Invitation>> PendingForProfessionalAsync(string professionalId, CancellationToken cancellationToken = default) =>
        Task.FromResult(ReadInvitations(
            $"SELECT {InvitationColumns} FROM invitation WHERE professional_id = $pro AND status = 0 ORDER BY invited_at",
            c => c.With("$pro", professionalId)));

    public Task<IReadOnlyList<Invitation>> PendingForPersonAsync(string personId, CancellationToken cancellationToken = default) =>
        Task.FromResult(ReadInvitations(
            $"SELECT {InvitationColumns} FROM invitation WHERE person_id = $person AND status = 0 ORDER BY invited_at",
            c => c.With("$person", personId)));

    public async Task<bool> RespondAsync(long id, InvitationStatus answer, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        using var lease = await Pool.RentWriterAsync(cancellationToken).ConfigureAwait(false);
        return lease.Session.Command("UPDATE invitation SET status = $status, responded_at = $at WHERE id = $id AND status = 0")
            .With("$status", (int)answer).With("$at", Millis(at)).With("$id", id).ExecuteNonQuery() == 1;
    }

    public async Task<Concern> AddAsync(Concern concern, CancellationToken cancellationToken = default)
    {
        using var lease = await Pool.RentWriterAsync(cancellationToken).ConfigureAwait(false);
        var id = (long)lease.Session.Command("INSERT INTO concern(person_id, raised_by, raised_by_name, agency_id, agency_name, raised_at, note) VALUES ($person, $by, $name, $agency, $agencyName, $at, $note) RETURNING id")
            .With("$person", concern.PersonId).With("$by", concern.RaisedBy).With("$name", concern.RaisedByName).With("$agency", Text(concern.AgencyId))
            .With("$agencyName", Text(concern.AgencyName)).With("$at", Millis(concern.RaisedAt)).With("$note", concern.Note)
            .ExecuteScalar()!;
        return concern with { Id = id };
    }

    public Task<IReadOnlyList<Concern>> ForPersonAsync(string personId, DateTimeOffset since, CancellationToken cancellationToken = default) =>
        Task.FromResult(ReadConcerns(
            $"SELECT {ConcernColumns} FROM concern WHERE person_id = $person AND raised_at >= $since ORDER BY raised_at DESC, id DESC",
            c => c.With("$person", personId).With("$since", Millis(since))));

    public Task<IReadOnlyList<Concern>> RaisedBetweenAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default) =>
        Task.FromResult(ReadConcerns(
            $"SELECT {ConcernColumns} FROM concern WHERE raised_at >= $from AND raised_at < $to ORDER BY person_id, raised_at",
            c => c.With("$from", Millis(from)).With("$to", Millis(to))));

    private IReadOnlyList<Invitation> ReadInvitations(string sql, Action<SqliteCommand> bind) =>
        Read(sql, bind, r => new Invitation(
            r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetString(3), r.OptionalTextAt(4), r.GetString(5), r.GetString(6),
            r.InstantAt(7), (InvitationStatus)r.GetInt32(8), r.IsDBNull(9) ? null : r.InstantAt(9)));

    private IReadOnlyList<Concern> ReadConcerns(string sql, Action<SqliteCommand> bind) =>
        Read(sql, bind, r => new Concern(
            r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetString(3), r.OptionalTextAt(4), r.OptionalTextAt(5), r.InstantAt(6), r.GetString(7)));

    private List<T> Read<T>(string sql, Action<SqliteCommand> bind, Func<SqliteDataReader, T> read)
    {
        using var lease = Pool.Rent();
        var command = lease.Session.Command(sql);
        bind(command);
        using var reader = command.ExecuteReader();
        var rows = new List<T>();
        while (reader.Read())
        {
            rows.Add(read(reader));
        }

        return rows;
    }
}
