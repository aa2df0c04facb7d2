using Patchwork.Graph.Audit;
using Patchwork.Graph.Changes;
using Patchwork.Graph.Model;

namespace Patchwork.Neo4j.Tests.Store;

/// <summary>
/// On Neo4j the audit trail is in another store, so a change's record is written before the change, and a change
/// that then fails gets a second record saying so: never a change without its record.
/// </summary>
public sealed class Neo4jGraphStoreAuditTests
{
    private static readonly Recorded By = new(new DateTimeOffset(2026, 6, 1, 9, 30, 0, TimeSpan.Zero), "sw");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static ChangeSet Change() => new(
        "p1", 0, [new GraphWrite.RecordContact(new Contact("x1", "p1", By.At, ContactKind.Phone, false, By))], By, "Sam",
        new AuditEntry("sw", "Sam", AuditActions.Change, "person:p1", ["p1"], null, "recorded a phone call"));

    [Fact]
    public async Task ApplyAsync_a_change_the_server_refuses_is_recorded_first_and_then_as_failed()
    {
        var trail = new ListTrail();
        var fake = new FakeQueryApi().Answer("""{"errors": [{"code": "Neo.ClientError.Security.Forbidden", "message": "write refused"}]}""");

        await Assert.ThrowsAnyAsync<Exception>(() => fake.Store(audit: trail).ApplyAsync(Change(), Ct));

        Assert.Equal([AuditActions.Change, AuditActions.ChangeFailed], trail.Entries.Select(e => e.Action));
        Assert.Contains("the change recorded as 1 was not applied", trail.Entries[1].Details, StringComparison.Ordinal);
        Assert.Equal(["p1"], trail.Entries[1].PersonIds);
    }

    [Fact]
    public async Task ApplyAsync_a_change_whose_record_cannot_be_written_is_never_sent()
    {
        var fake = new FakeQueryApi();

        await Assert.ThrowsAsync<IOException>(() => fake.Store(audit: new ListTrail { Refuse = true }).ApplyAsync(Change(), Ct));

        Assert.Empty(fake.Requests);
    }

    /// <summary>Keeps the entries it is given, in order; or refuses them, as a full disk would.</summary>
    private sealed class ListTrail : IAuditTrail
    {
        public List<AuditEntry> Entries { get; } = [];

        public bool Refuse { get; init; }

        public Task<AuditRecord> AppendAsync(AuditEntry entry, CancellationToken cancellationToken = default)
        {
            if (Refuse)
            {
                throw new IOException("the audit trail's disk is full");
            }

            Entries.Add(entry);
            return Task.FromResult(new AuditRecord(Entries.Count, By.At, entry, AuditRecord.FirstPreviousHash, ""));
        }

        public Task<IReadOnlyList<AuditRecord>> ForPersonAsync(string personId, int take = 500, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<IReadOnlyList<AuditRecord>> RecentAsync(int take = 200, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<AuditVerification> VerifyAsync(CancellationToken cancellationToken = default) => throw new NotSupportedException();
    }
}
