using Patchwork.Graph.Import;
using Patchwork.Graph.Model;
using Patchwork.Graph.Network;

namespace Patchwork.Graph.Tests.Contract;

public abstract partial class GraphStoreContractTests<TFixture>
    where TFixture : class, IGraphStoreFixture
{
    /// <summary>Ava (p1) and her brother Noah (p2); children's social care (a1) with day and out-of-hours numbers.</summary>
    private static District AvaAndChildrensServices() => new District()
        .Person("p1", "Ava", "Turner").Person("p2", "Noah", "Turner")
        .Agency("a1", "Northvale Children's Services", phone: "01632 961000", outOfHoursPhone: "01632 961999")
        .Agency("a2", "Eastvale Children's Services");

    private static string[] StatusesOf(IReadOnlyList<PersonStatus> statuses) =>
        [.. statuses.Select(s => $"{s.PersonId} {s.Status.Status.Name()} {s.Agency.Id}")];

    [Fact]
    public async Task GetStatuses_gives_the_status_with_its_period_and_the_agency_with_both_numbers()
    {
        var since = new DateOnly(2024, 3, 3);
        var store = await NewStoreAsync(AvaAndChildrensServices().Status("a1", "p1", since: since));

        var status = Assert.Single(await store.GetStatusesAsync(["p1"], Today, Ct));

        Assert.Equal(CareStatus.ChildProtectionPlan, status.Status.Status);
        Assert.Equal(new Period(since), status.Status.Period);
        Assert.Equal(District.By, status.Status.Recorded);
        Assert.Equal("p1", status.PersonId);
        Assert.Equal("a1", status.Agency.Id);
        Assert.Equal("Northvale Children's Services", status.Agency.Name);
        Assert.Equal("01632 961000", status.Agency.Phone);
        Assert.Equal("01632 961999", status.Agency.OutOfHoursPhone);
        Assert.False(status.Redacted);
    }

    [Fact]
    public async Task GetStatuses_includes_one_starting_today_and_one_ending_tomorrow_but_not_one_ending_today_or_yesterday_or_starting_tomorrow()
    {
        var store = await NewStoreAsync(AvaAndChildrensServices()
            .Status("a1", "p1", CareStatus.ChildProtectionPlan, since: Today)
            .Status("a1", "p1", CareStatus.ChildInNeed, since: Today.AddDays(-10), until: Today.AddDays(1))
            .Status("a1", "p1", CareStatus.LookedAfter, until: Today)
            .Status("a2", "p1", CareStatus.LookedAfter, until: Today.AddDays(-1))
            .Status("a2", "p1", CareStatus.UnbornChildProtectionPlan, since: Today.AddDays(1)));

        var statuses = await store.GetStatusesAsync(["p1"], Today, Ct);

        Assert.Equal(["p1 child-protection-plan a1", "p1 child-in-need a1"], StatusesOf(statuses));
    }

    [Fact]
    public async Task GetStatusHistory_gives_every_status_of_the_person_ended_open_or_to_come_by_start_date_and_nothing_of_others()
    {
        var store = await NewStoreAsync(AvaAndChildrensServices()
            .Status("a2", "p1", CareStatus.UnbornChildProtectionPlan, since: Today.AddDays(1))
            .Status("a1", "p1", CareStatus.ChildInNeed, since: Today.AddDays(-400), until: Today.AddDays(-100))
            .Status("a1", "p1", CareStatus.ChildProtectionPlan, since: Today.AddDays(-100))
            .Status("a1", "p2", CareStatus.LookedAfter, since: Today.AddDays(-50)));

        var history = await store.GetStatusHistoryAsync("p1", Ct);

        Assert.Equal(["p1 child-in-need a1", "p1 child-protection-plan a1", "p1 unborn-child-protection-plan a2"], StatusesOf(history));
        Assert.Equal(new Period(Today.AddDays(-400), Today.AddDays(-100)), history[0].Status.Period);
        Assert.Equal("01632 961999", history[0].Agency.OutOfHoursPhone);
        Assert.Empty(await store.GetStatusHistoryAsync("nobody", Ct));
    }

    [Fact]
    public async Task GetStatuses_as_at_a_past_date_gives_what_held_then()
    {
        var ended = new DateOnly(2023, 5, 1);
        var store = await NewStoreAsync(AvaAndChildrensServices()
            .Status("a1", "p1", CareStatus.ChildInNeed, until: ended)
            .Status("a1", "p1", CareStatus.ChildProtectionPlan, since: ended));

        Assert.Equal(["p1 child-in-need a1"], StatusesOf(await store.GetStatusesAsync(["p1"], ended.AddDays(-1), Ct)));
        Assert.Equal(["p1 child-protection-plan a1"], StatusesOf(await store.GetStatusesAsync(["p1"], ended, Ct)));
        Assert.Empty(await store.GetStatusesAsync(["p1"], District.Since.AddDays(-1), Ct));
    }

    [Fact]
    public async Task GetStatuses_answers_for_each_person_asked_about_and_nothing_for_an_unknown_id()
    {
        var store = await NewStoreAsync(AvaAndChildrensServices()
            .Status("a1", "p1", CareStatus.ChildProtectionPlan)
            .Status("a2", "p2", CareStatus.LookedAfter));

        Assert.Equal(["p1 child-protection-plan a1", "p2 looked-after a2"], StatusesOf(await store.GetStatusesAsync(["p2", "p1", "nobody"], Today, Ct)));
        Assert.Equal(["p2 looked-after a2"], StatusesOf(await store.GetStatusesAsync(["p2"], Today, Ct)));
        Assert.Empty(await store.GetStatusesAsync([], Today, Ct));
    }

    [Fact]
    public async Task A_status_is_not_drawn_as_an_edge_of_the_network()
    {
        var store = await NewStoreAsync(AvaAndChildrensServices().Status("a1", "p1"));

        var network = await store.OpenNetworkAsync("p1", Today, cancellationToken: Ct);

        Assert.DoesNotContain(network.Edges, e => e.Type == RelationshipType.Status);
        Assert.Equal(["Person p1@0"], NodesOf(network));
    }

    [Fact]
    public async Task Ending_a_status_today_takes_it_off_today_and_keeps_it_in_the_past()
    {
        var store = await NewStoreAsync(AvaAndChildrensServices().Status("a1", "p1"));
        var status = Assert.Single(await store.GetStatusesAsync(["p1"], Today, Ct));

        await store.EndRelationshipAsync(status.Status.Key, Today, District.By, Ct);

        Assert.Empty(await store.GetStatusesAsync(["p1"], Today, Ct));
        Assert.Single(await store.GetStatusesAsync(["p1"], Today.AddDays(-1), Ct));
        var again = await Assert.ThrowsAsync<GraphRuleException>(() => store.EndRelationshipAsync(status.Status.Key, Today.AddDays(1), District.By, Ct));
        Assert.Contains("already ended", again.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_status_needs_an_agency_at_its_start_and_a_person_at_its_end()
    {
        var store = await NewStoreAsync(AvaAndChildrensServices());

        await Assert.ThrowsAsync<NodeNotFoundException>(() => store.AddRelationshipAsync(new ChildStatus("nowhere", "p1", CareStatus.LookedAfter, new Period(Today), District.By), Ct));
        await Assert.ThrowsAsync<NodeNotFoundException>(() => store.AddRelationshipAsync(new ChildStatus("a1", "nobody", CareStatus.LookedAfter, new Period(Today), District.By), Ct));
        Assert.Empty(await store.GetStatusesAsync(["p1"], Today, Ct));
    }

    [Fact]
    public async Task A_status_and_the_out_of_hours_phone_go_out_and_come_back_through_the_bulk_format()
    {
        var store = await NewStoreAsync(AvaAndChildrensServices().Status("a1", "p1", CareStatus.LookedAfter, since: new DateOnly(2022, 2, 2), until: new DateOnly(2025, 2, 2)));
        var exported = new List<GraphElement>();
        await foreach (var element in store.ExportAsync(Ct))
        {
            exported.Add(element);
        }

        var copy = await NewStoreAsync();
        await copy.ImportAsync(exported.Select((e, i) => new ImportRow(e, new SourceLine("export", i + 2))), cancellationToken: Ct);

        var status = Assert.Single(await copy.GetStatusesAsync(["p1"], Today, Ct));
        Assert.Equal(new Period(new DateOnly(2022, 2, 2), new DateOnly(2025, 2, 2)), status.Status.Period);
        Assert.Equal(CareStatus.LookedAfter, status.Status.Status);
        Assert.Equal("01632 961999", status.Agency.OutOfHoursPhone);
        Assert.Equal(1, (await copy.GetStatsAsync(Ct)).Relationships[RelationshipType.Status.TypeName()]);
    }
}
