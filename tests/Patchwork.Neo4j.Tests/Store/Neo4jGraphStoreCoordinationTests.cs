using Patchwork.Graph.Coordination;
using Patchwork.Graph.Model;
using Patchwork.Graph.Network;
using static Patchwork.Neo4j.Tests.Neo4jJson;

namespace Patchwork.Neo4j.Tests.Store;

/// <summary>The coordinator's lists: the parameters each statement is sent and how its rows are read (the contract suite checks the answers).</summary>
public sealed class Neo4jGraphStoreCoordinationTests
{
    private static readonly DateOnly Today = new(2024, 6, 15);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ClientsWhoseLeadEnded_sends_the_first_day_of_the_window_and_reads_the_lead()
    {
        var fake = new FakeQueryApi()
            .On("clients-whose-lead-ended", ["person", "leadEnded", "lead", "role"], [Person("p1", "Evie", "Marshall"), "2024-06-01", Professional("x1", "Marcus", "Bell"), "Early help worker"])
            .On("count-clients-whose-lead-ended", ["clients"], [1]);

        var page = await fake.Store().ClientsWhoseLeadEndedAsync(Today, 30, skip: 0, take: 10, Ct);

        Assert.Equal(new LeadEndedClient("p1", "Evie Marshall", null, new DateOnly(2024, 6, 1), "x1", "Marcus Bell", "Early help worker"), Assert.Single(page.Items));
        Assert.Equal(1, page.TotalCount);
        Assert.Equal("2024-05-16", fake.Requests[0].Parameters.GetProperty("endedSince").GetString());
        Assert.Equal("2024-06-15", fake.Requests[0].Parameters.GetProperty("asOf").GetString());
    }

    [Fact]
    public async Task ClientsWithManyAgenciesAndNoLead_sends_the_threshold_and_reads_the_counts()
    {
        var fake = new FakeQueryApi()
            .On("clients-with-many-agencies-and-no-lead", ["person", "involvements", "agencies"], [Person("p1", "Mason", "Hughes"), 4, 4])
            .On("count-clients-with-many-agencies-and-no-lead", ["clients"], [1]);

        var page = await fake.Store().ClientsWithManyAgenciesAndNoLeadAsync(Today, 3, cancellationToken: Ct);

        Assert.Equal(new ClientSummary("p1", "Mason Hughes", null, 4, 4), Assert.Single(page.Items));
        Assert.Equal(3, fake.Requests[0].Parameters.GetProperty("minAgencies").GetInt32());
    }

    [Fact]
    public async Task ClientsWithoutContact_sends_the_window_as_utc_instants_and_reads_a_missing_contact_as_none()
    {
        var fake = new FakeQueryApi()
            .On("clients-without-contact", ["person", "lastAt", "lastKind"], [Person("p1", "Edith", "Morley"), "2024-02-01T11:00Z", "visit"], [Person("p2", "Reece", "Doyle"), null, null])
            .On("count-clients-without-contact", ["clients"], [2]);

        var page = await fake.Store().ClientsWithoutContactAsync(Today, 90, cancellationToken: Ct);

        Assert.Equal(
            [
                new UncontactedClient("p1", "Edith Morley", null, new ContactSummary(new DateTimeOffset(2024, 2, 1, 11, 0, 0, TimeSpan.Zero), ContactKind.Visit)),
                new UncontactedClient("p2", "Reece Doyle", null, null),
            ],
            page.Items);
        Assert.Equal("2024-03-17T00:00:00.000Z", fake.Requests[0].Parameters.GetProperty("recentFrom").GetString());
        Assert.Equal("2024-06-16T00:00:00.000Z", fake.Requests[0].Parameters.GetProperty("nextDayStart").GetString());
    }

    [Fact]
    public async Task PlannedContacts_sends_the_start_of_the_first_day_and_the_end_of_the_last_and_reads_each_visit()
    {
        var fake = new FakeQueryApi()
            .On(
                "planned-contacts",
                ["person", "professional", "agency", "at", "kind", "sensitive"],
                [Person("p1", "Ava", "Turner"), Professional("x1", "Sam", "Adeyemi"), Agency("a1"), "2024-06-12T14:00Z", "visit", false],
                [Person("p2", "Liam", "Turner"), Professional("x2", "Kieran", "Lynch"), null, "2024-06-13T09:30Z", "meeting", true])
            .On("count-planned-contacts", ["contacts"], [2]);

        var page = await fake.Store().PlannedContactsAsync(new DateOnly(2024, 6, 10), new DateOnly(2024, 6, 16), cancellationToken: Ct);

        Assert.Equal(
            [
                new PlannedContact("p1", "Ava Turner", "x1", "Sam Adeyemi", "a1 agency", new DateTimeOffset(2024, 6, 12, 14, 0, 0, TimeSpan.Zero), ContactKind.Visit, false),
                new PlannedContact("p2", "Liam Turner", "x2", "Kieran Lynch", null, new DateTimeOffset(2024, 6, 13, 9, 30, 0, TimeSpan.Zero), ContactKind.Meeting, true),
            ],
            page.Items);
        Assert.Equal(2, page.TotalCount);
        Assert.Equal("2024-06-10T00:00:00.000Z", fake.Requests[0].Parameters.GetProperty("firstDayStart").GetString());
        Assert.Equal("2024-06-17T00:00:00.000Z", fake.Requests[0].Parameters.GetProperty("lastDayEnd").GetString());
    }

    [Fact]
    public async Task Coordinator_lists_refuse_bad_arguments_before_asking_neo4j()
    {
        var fake = new FakeQueryApi();
        var store = fake.Store();

        await Assert.ThrowsAsync<GraphRuleException>(() => store.ClientsWithoutContactAsync(Today, 90, skip: -1, cancellationToken: Ct));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => store.CountClientsWhoseLeadEndedAsync(Today, -1, Ct));
        await Assert.ThrowsAsync<ArgumentException>(() => store.PlannedContactsAsync(Today, Today.AddDays(-1), cancellationToken: Ct));
        Assert.Empty(fake.Requests);
    }
}
