using Patchwork.Graph.Import;
using Patchwork.Graph.Model;

namespace Patchwork.Graph.Tests.Contract;

public abstract partial class GraphStoreContractTests<TFixture>
    where TFixture : class, IGraphStoreFixture
{
    [Theory]
    [InlineData(true, true)]
    [InlineData(true, false)]
    [InlineData(false, null)]
    [InlineData(null, null)]
    public async Task A_contact_keeps_whether_the_child_was_seen_and_seen_alone_and_the_team_shows_the_last(bool? seen, bool? seenAlone)
    {
        var store = await NewStoreAsync(AvaAndSam());
        var at = Utc(Today.AddDays(-3), 10, 0);

        await store.RecordContactAsync(new Contact("x1", "p1", at, ContactKind.Visit, false, District.By, seen, seenAlone), Ct);

        var last = (await SamOnAvasTeamAsync(store)).LastContact!;
        Assert.Equal(at, last.At);
        Assert.Equal(seen, last.Seen);
        Assert.Equal(seenAlone, last.SeenAlone);
        var exported = new List<GraphElement>();
        await foreach (var element in store.ExportAsync(Ct))
        {
            exported.Add(element);
        }

        var contact = Assert.Single(exported.OfType<Contact>());
        Assert.Equal((seen, seenAlone), (contact.Seen, contact.SeenAlone));
    }

    [Fact]
    public async Task A_contact_seen_alone_but_not_seen_or_a_planned_one_marked_seen_is_refused_and_nothing_is_written()
    {
        var store = await NewStoreAsync(AvaAndSam());

        var alone = await Assert.ThrowsAsync<GraphRuleException>(() => store.RecordContactAsync(new Contact("x1", "p1", Utc(Today, 9, 0), ContactKind.Visit, false, District.By, false, true), Ct));
        var planned = await Assert.ThrowsAsync<GraphRuleException>(() => store.RecordContactAsync(new Contact("x1", "p1", Utc(Today.AddDays(2), 9, 0), ContactKind.Visit, true, District.By, true, null), Ct));
        var imported = await Assert.ThrowsAsync<ImportException>(() => store.ImportAsync([new ImportRow(new Contact("x1", "p1", Utc(Today, 9, 0), ContactKind.Visit, false, null, null, true), new SourceLine("contacts.csv", 2))], cancellationToken: Ct));

        Assert.Contains("seen must be true", alone.Message, StringComparison.Ordinal);
        Assert.Contains("planned", planned.Message, StringComparison.Ordinal);
        Assert.Equal(new SourceLine("contacts.csv", 2), imported.Source);
        Assert.Null((await SamOnAvasTeamAsync(store)).LastContact);
        Assert.Null((await SamOnAvasTeamAsync(store)).NextVisit);
    }

    private async Task<Patchwork.Graph.Network.TeamMember> SamOnAvasTeamAsync(Patchwork.Graph.Storage.IGraphStore store) =>
        Assert.Single(await store.GetTeamAsync("p1", Today, Ct), m => m.Professional.Id == "x1");
}
