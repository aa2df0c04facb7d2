using Patchwork.Graph.Changes;
using Patchwork.Graph.Model;

namespace Patchwork.Graph.Tests.Contract;

public abstract partial class GraphStoreContractTests<TFixture>
    where TFixture : class, IGraphStoreFixture
{
    private static readonly Recorded ChangedBy = new(new DateTimeOffset(2024, 6, 15, 9, 0, 0, TimeSpan.Zero), "x1");

    private static ChangeSet Change(string personId, long? expected, params GraphWrite[] writes) =>
        new(personId, expected, writes, ChangedBy, "Sam Adeyemi");

    [Fact]
    public async Task Revision_of_a_person_never_changed_is_zero()
    {
        var store = await NewStoreAsync(Turners());

        Assert.Equal(0, (await store.GetRevisionAsync("p1", Ct)).Number);
        await Assert.ThrowsAsync<NodeNotFoundException>(() => store.GetRevisionAsync("nobody", Ct));
    }

    [Fact]
    public async Task ApplyAsync_writes_every_change_and_moves_the_revision_on_saying_who()
    {
        var store = await NewStoreAsync(Turners().Professional("x2", "Priya", "Shah"));

        var revision = await store.ApplyAsync(
            Change(
                "p1",
                0,
                new GraphWrite.EndRelationship(new RelationshipKey(RelationshipType.InvolvedWith, "x1", "p1", District.Since), Today),
                new GraphWrite.AddRelationship(new Involvement("x2", "p1", "School nurse", true, false, new Period(Today), ChangedBy))),
            Ct);

        Assert.Equal(1, revision.Number);
        Assert.Equal("Sam Adeyemi", revision.ChangedBy);
        Assert.Equal(ChangedBy.At, revision.ChangedAt);
        Assert.Equal(revision, await store.GetRevisionAsync("p1", Ct));
        var team = await store.GetTeamAsync("p1", Today, Ct);
        Assert.Equal("x2", Assert.Single(team).Professional.Id);
    }

    [Fact]
    public async Task ApplyAsync_refuses_a_stale_revision_and_writes_nothing()
    {
        var store = await NewStoreAsync(Turners().Professional("x2", "Priya", "Shah"));
        await store.ApplyAsync(Change("p1", 0, new GraphWrite.RecordContact(new Contact("x1", "p1", ChangedBy.At, ContactKind.Phone, false, ChangedBy))), Ct);
        var before = await SnapshotAsync(store);

        var refused = await Assert.ThrowsAsync<StaleWriteException>(() => store.ApplyAsync(
            Change("p1", 0, new GraphWrite.AddRelationship(new Involvement("x2", "p1", "School nurse", false, false, new Period(Today), ChangedBy))),
            Ct));

        Assert.Equal(1, refused.Current.Number);
        Assert.Contains("Sam Adeyemi", refused.Message, StringComparison.Ordinal);
        Assert.Equal(before, await SnapshotAsync(store));
        Assert.Equal(1, (await store.GetRevisionAsync("p1", Ct)).Number);
    }

    [Fact]
    public async Task ApplyAsync_is_all_or_nothing_when_a_later_write_breaks_a_rule()
    {
        var store = await NewStoreAsync(Turners());
        var before = await SnapshotAsync(store);

        await Assert.ThrowsAnyAsync<GraphRuleException>(() => store.ApplyAsync(
            Change(
                "p1",
                0,
                new GraphWrite.AddNode(new Person("p9", "New", "Person")),
                new GraphWrite.AddRelationship(new Membership("p9", "no-such-household", new Period(Today), ChangedBy))),
            Ct));

        Assert.Equal(before, await SnapshotAsync(store));
        Assert.Equal(0, (await store.GetRevisionAsync("p1", Ct)).Number);
    }

    [Fact]
    public async Task ApplyAsync_adds_a_new_person_at_revision_one()
    {
        var store = await NewStoreAsync(Turners());

        var revision = await store.ApplyAsync(
            Change(
                "p9",
                null,
                new GraphWrite.AddNode(new Person("p9", "Mia", "Turner")),
                new GraphWrite.AddRelationship(new Membership("p9", "h1", new Period(Today), ChangedBy)),
                new GraphWrite.AddRelationship(new Involvement("x1", "p9", "Social worker", false, false, new Period(Today), ChangedBy))),
            Ct);

        Assert.Equal(1, revision.Number);
        Assert.Contains("p9", IdsOf(await store.OpenNetworkAsync("p1", Today, 1, cancellationToken: Ct), NodeKind.Person));
        Assert.Equal("x1", Assert.Single(await store.GetTeamAsync("p9", Today, Ct)).Professional.Id);
    }

    [Fact]
    public async Task ApplyAsync_without_an_expected_revision_never_conflicts()
    {
        var store = await NewStoreAsync(Turners());
        var contact = new GraphWrite.RecordContact(new Contact("x1", "p1", ChangedBy.At, ContactKind.Visit, false, ChangedBy));
        await store.ApplyAsync(Change("p1", 0, contact), Ct);

        var revision = await store.ApplyAsync(Change("p1", null, new GraphWrite.RecordContact(new Contact("x1", "p1", ChangedBy.At.AddHours(1), ContactKind.Phone, false, ChangedBy))), Ct);

        Assert.Equal(2, revision.Number);
    }
}
