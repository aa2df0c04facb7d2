using Patchwork.Graph.Network;

namespace Patchwork.Graph.Tests.Contract;

public abstract partial class GraphStoreContractTests<TFixture>
    where TFixture : class, IGraphStoreFixture
{
    /// <summary>
    /// p1 has a lead; p2 only a non-lead; p3 a lead that ended today; p4 a sensitive lead; p5 no professional;
    /// p6 a lead that starts tomorrow and a non-lead now; p7 a non-lead that ended; p8 a lead and a non-lead.
    /// </summary>
    private static District Caseloads() => new District()
        .Person("p1", "Ava", "Turner").Person("p2", "Chloe", "Turner").Person("p3", "Liam", "Turner").Person("p4", "Mia", "Jones")
        .Person("p5", "Rose", "Turner").Person("p6", "Tom", "Hill").Person("p7", "Ella", "Hill").Person("p8", "Noah", "Khan")
        .Professional("x1", "Sam", "Adeyemi").Professional("x2", "Priya", "Shah")
        .Agency("a1").Agency("a2")
        .WorksFor("x1", "a1").WorksFor("x2", "a2")
        .Involved("x1", "p1", lead: true)
        .Involved("x2", "p2")
        .Involved("x1", "p3", lead: true, until: Today).Involved("x2", "p3")
        .Involved("x2", "p4", lead: true, sensitive: true)
        .Involved("x1", "p6", lead: true, since: Today.AddDays(1)).Involved("x2", "p6")
        .Involved("x1", "p7", until: Today)
        .Involved("x1", "p8", lead: true).Involved("x2", "p8");

    [Fact]
    public async Task ClientsWithoutLead_lists_clients_whose_only_involvements_are_not_leads_at_the_date()
    {
        var store = await NewStoreAsync(Caseloads());

        var page = await store.ClientsWithoutLeadAsync(Today, cancellationToken: Ct);

        // Ordered by family name, given name, id: Hill Tom, Turner Chloe, Turner Liam.
        Assert.Equal(["p6", "p2", "p3"], page.Items.Select(c => c.Id));
        Assert.Equal(3, page.TotalCount);
    }

    [Fact]
    public async Task ClientsWithoutLead_a_sensitive_lead_counts_as_a_lead()
    {
        var store = await NewStoreAsync(Caseloads());

        var page = await store.ClientsWithoutLeadAsync(Today, cancellationToken: Ct);

        Assert.DoesNotContain(page.Items, c => c.Id == "p4");
    }

    [Fact]
    public async Task ClientsWithoutLead_the_day_before_a_lead_ends_the_client_still_has_a_lead()
    {
        var store = await NewStoreAsync(Caseloads());

        var page = await store.ClientsWithoutLeadAsync(Today.AddDays(-1), cancellationToken: Ct);

        // Liam (p3) still has his lead; Ella (p7) is still a client the day before her involvement ends.
        Assert.Equal(["p7", "p6", "p2"], page.Items.Select(c => c.Id));
        Assert.Equal(3, page.TotalCount);
    }

    [Fact]
    public async Task ClientsWithoutLead_the_day_a_future_lead_starts_the_client_has_a_lead()
    {
        var store = await NewStoreAsync(Caseloads());

        var page = await store.ClientsWithoutLeadAsync(Today.AddDays(1), cancellationToken: Ct);

        Assert.Equal(["p2", "p3"], page.Items.Select(c => c.Id));
    }

    [Fact]
    public async Task ClientsWithoutLead_summarises_name_birth_involvements_and_agencies()
    {
        var store = await NewStoreAsync(new District()
            .Person("p1", "Ava", "Turner", new DateOnly(2014, 3, 14))
            .Professional("x1", "Sam", "Adeyemi").Professional("x2", "Priya", "Shah").Professional("x3", "Dan", "Cole")
            .Agency("a1").Agency("a2")
            .WorksFor("x1", "a1").WorksFor("x2", "a1").WorksFor("x3", "a2", until: Today)
            .Involved("x1", "p1").Involved("x2", "p1").Involved("x3", "p1"));

        var client = Assert.Single((await store.ClientsWithoutLeadAsync(Today, cancellationToken: Ct)).Items);

        Assert.Equal(new ClientSummary("p1", "Ava Turner", new DateOnly(2014, 3, 14), 3, 1), client);
    }

    [Fact]
    public async Task ClientsWithoutLead_pages_in_name_order_with_the_total()
    {
        var district = new District().Professional("x1", "Sam", "Adeyemi");
        // Ties on family and given name fall back to the id.
        (string Id, string Given, string Family)[] people =
        [
            ("c07", "Zara", "Ahmed"), ("c03", "Amy", "Brown"), ("c10", "Amy", "Brown"), ("c01", "Ben", "Brown"),
            ("c05", "Cara", "Clark"), ("c02", "Dev", "Evans"), ("c09", "Eli", "Evans"), ("c04", "Fay", "Green"),
            ("c08", "Gus", "Hughes"), ("c06", "Hal", "Young"),
        ];
        foreach (var (id, given, family) in people.Reverse())
        {
            district.Person(id, given, family).Involved("x1", id);
        }

        var store = await NewStoreAsync(district);

        var first = await store.ClientsWithoutLeadAsync(Today, skip: 0, take: 4, cancellationToken: Ct);
        var second = await store.ClientsWithoutLeadAsync(Today, skip: 4, take: 4, cancellationToken: Ct);
        var last = await store.ClientsWithoutLeadAsync(Today, skip: 8, take: 4, cancellationToken: Ct);
        var beyond = await store.ClientsWithoutLeadAsync(Today, skip: 12, take: 4, cancellationToken: Ct);

        Assert.Equal(["c07", "c03", "c10", "c01"], first.Items.Select(c => c.Id));
        Assert.Equal(["c05", "c02", "c09", "c04"], second.Items.Select(c => c.Id));
        Assert.Equal(["c08", "c06"], last.Items.Select(c => c.Id));
        Assert.Empty(beyond.Items);
        Assert.All(new[] { first, second, last, beyond }, p => Assert.Equal(10, p.TotalCount));
        Assert.Equal((4, 4), (second.Skip, second.Take));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(30)]
    public async Task CountClientsWithoutLead_equals_the_total_of_the_list(int daysFromToday)
    {
        var store = await NewStoreAsync(Caseloads());
        var asOf = Today.AddDays(daysFromToday);

        var count = await store.CountClientsWithoutLeadAsync(asOf, Ct);
        var page = await store.ClientsWithoutLeadAsync(asOf, take: 1, cancellationToken: Ct);

        Assert.Equal(page.TotalCount, count);
    }

    [Fact]
    public async Task CountClientsWithoutLead_counts_exactly_the_clients_without_a_lead()
    {
        var store = await NewStoreAsync(Caseloads());

        Assert.Equal(3, await store.CountClientsWithoutLeadAsync(Today, Ct));
        Assert.Equal(3, await store.CountClientsWithoutLeadAsync(Today.AddDays(-1), Ct));
        Assert.Equal(2, await store.CountClientsWithoutLeadAsync(Today.AddDays(1), Ct));
    }

    [Fact]
    public async Task ClientsWithoutLead_before_anyone_was_involved_is_empty()
    {
        var store = await NewStoreAsync(Caseloads());

        var page = await store.ClientsWithoutLeadAsync(District.Since.AddDays(-1), cancellationToken: Ct);

        Assert.Empty(page.Items);
        Assert.Equal(0, page.TotalCount);
        Assert.Equal(0, await store.CountClientsWithoutLeadAsync(District.Since.AddDays(-1), Ct));
    }
}
