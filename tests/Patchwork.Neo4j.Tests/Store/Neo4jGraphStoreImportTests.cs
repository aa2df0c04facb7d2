using Patchwork.Graph.Import;
using Patchwork.Graph.Model;
using static Patchwork.Neo4j.Tests.Neo4jJson;
using static Patchwork.Neo4j.Tests.Store.StoreFakes;

namespace Patchwork.Neo4j.Tests.Store;

/// <summary>
/// An import is one explicit transaction of UNWIND batches, each checked before it is written, so the first bad row is
/// named with the embedded store's message and the transaction is rolled back.
/// </summary>
// Every answer of the fake in these tests is the plain JSON of the Query API manual, "Result formats & Data types"
// ({"data": {"fields", "values"}} with nodes and relationships as its type mapping shows them; see Neo4jJson), and
// inside a transaction as "Run transactions" shows it.
public sealed class Neo4jGraphStoreImportTests
{
    private static readonly Recorded By = new(new DateTimeOffset(2024, 1, 2, 9, 30, 0, TimeSpan.Zero), "district-builder");
    private static readonly Period Since2020 = new(new DateOnly(2020, 1, 1));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static List<ImportRow> Rows(params GraphElement[] elements) =>
        [.. elements.Select((e, i) => new ImportRow(e, new SourceLine("import.csv", i + 2)))];

    private static readonly string[] Written = ["written"];

    [Fact]
    public async Task Import_writes_batches_of_the_configured_size_in_one_transaction_and_commits()
    {
        var fake = new FakeQueryApi()
            .On("existing-nodes", Exists).On("import-persons", Written, [2])
            .On("existing-nodes", Exists).On("import-persons", Written, [1])
            .On("existing-nodes", Exists).On("import-households", Written, [1])
            // Both ends of the membership were given by this import: no look-up of them.
            .On("existing-relationships", ["type", "fromId", "toId", "since"]).On("import-member-of", Written, [1])
            .On("existing-nodes", Exists, ["Professional", "x1"]).On("import-contacts", Written, [1])
            .Answer("""{"bookmarks": ["FB:kcwQy9mp3ioyRom386bZDRRcuCiQ"]}""");
        var reported = new List<long>();

        var summary = await fake.Store(o => o.ImportBatchSize = 2).ImportAsync(
            Rows(
                new Person("k1", "Noah", "Khan"), new Person("k2", "Sara", "Khan"), new Person("k3", "Ali", "Khan"),
                new Household("kh", "Khan household"),
                new Membership("k1", "kh", Since2020),
                new Contact("x1", "k1", new DateTimeOffset(2024, 6, 3, 16, 0, 0, TimeSpan.Zero), ContactKind.Visit, false, By)),
            new Progress<long>(reported.Add),
            Ct);

        Assert.Equal((4L, 2L), (summary.Nodes, summary.Relationships));
        Assert.Equal("POST http://localhost:7474/db/neo4j/query/v2/tx", $"{fake.Requests[0].Method} {fake.Requests[0].Uri}");
        Assert.All(fake.Requests.Skip(1).SkipLast(1), r => Assert.EndsWith("/query/v2/tx/lyU", r.Uri.ToString(), StringComparison.Ordinal));
        Assert.EndsWith("/tx/lyU/commit", fake.Requests[^1].Uri.ToString(), StringComparison.Ordinal);
        Assert.Equal(2, fake.Requests.Single(r => r.Statement is not null && FakeQueryApi.FileOf(r.Statement) == "import-persons" && r.Parameters.GetProperty("rows").GetArrayLength() == 2).Parameters.GetProperty("rows").GetArrayLength());
        var membership = fake.Requests.Single(r => r.Statement is not null && FakeQueryApi.FileOf(r.Statement) == "import-member-of").Parameters.GetProperty("rows")[0];
        Assert.Equal("import", membership.GetProperty("recordedBy").GetString());
        Assert.Equal("district-builder", fake.Requests.Single(r => r.Statement is not null && FakeQueryApi.FileOf(r.Statement) == "import-contacts").Parameters.GetProperty("rows")[0].GetProperty("recordedBy").GetString());
    }

    [Fact]
    public async Task Import_bad_row_in_a_later_batch_is_named_and_everything_is_rolled_back()
    {
        var fake = new FakeQueryApi()
            .On("existing-nodes", Exists).On("import-persons", Written, [2])
            .On("existing-nodes", Exists, ["Household", "h1"])
            .Answer("{}");
        var rows = Rows(new Person("k1", "Noah", "Khan"), new Person("k2", "Sara", "Khan"), new Membership("k1", "zz", Since2020, By));

        var refused = await Assert.ThrowsAsync<ImportException>(() => fake.Store().ImportAsync(rows, cancellationToken: Ct));

        Assert.Equal(rows[2].Source, refused.Source);
        Assert.Equal("import.csv, line 4: :END_ID names unknown Household id 'zz'.", refused.Message);
        Assert.DoesNotContain("import-member-of", fake.Files);
        Assert.Equal(HttpMethod.Delete, fake.Requests[^1].Method);
        Assert.DoesNotContain(fake.Requests, r => r.Uri.ToString().EndsWith("/commit", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Import_id_given_twice_names_the_second_line()
    {
        var fake = new FakeQueryApi().On("existing-nodes", Exists).Answer("{}");
        var rows = Rows(new Person("k1", "Noah", "Khan"), new Person("k1", "Another", "Khan"));

        var refused = await Assert.ThrowsAsync<ImportException>(() => fake.Store().ImportAsync(rows, cancellationToken: Ct));

        Assert.Equal("import.csv, line 3: duplicate Person id 'k1': it was already given on an earlier line.", refused.Message);
        Assert.DoesNotContain("import-persons", fake.Files);
    }

    [Fact]
    public async Task Import_id_already_stored_is_refused_as_the_embedded_store_refuses_it()
    {
        var fake = new FakeQueryApi().On("existing-nodes", Exists, ["Agency", "a1"]).Answer("{}");

        var refused = await Assert.ThrowsAsync<ImportException>(() =>
            fake.Store().ImportAsync(Rows(new Agency("a2", "Youth", "youth"), new Agency("a1", "Another", "police")), cancellationToken: Ct));

        Assert.Equal("import.csv, line 3: A agency with id 'a1' already exists.", refused.Message);
    }

    [Fact]
    public async Task Import_relationship_already_recorded_is_named()
    {
        var fake = new FakeQueryApi()
            .On("existing-nodes", Exists, ["Person", "p1"], ["Household", "h1"])
            .On("existing-relationships", ["type", "fromId", "toId", "since"], ["MEMBER_OF", "p1", "h1", "2020-01-01"])
            .Answer("{}");

        var refused = await Assert.ThrowsAsync<ImportException>(() =>
            fake.Store().ImportAsync(Rows(new Membership("p1", "h1", Since2020, By)), cancellationToken: Ct));

        Assert.Equal("import.csv, line 2: The MEMBER_OF p1 -> h1 since 2020-01-01 is already recorded.", refused.Message);
    }

    [Fact]
    public async Task Import_same_relationship_twice_in_one_batch_names_the_second()
    {
        var fake = new FakeQueryApi()
            .On("existing-nodes", Exists, ["Person", "p1"], ["Household", "h1"])
            .On("existing-relationships", ["type", "fromId", "toId", "since"])
            .Answer("{}");

        var refused = await Assert.ThrowsAsync<ImportException>(() =>
            fake.Store().ImportAsync(Rows(new Membership("p1", "h1", Since2020, By), new Membership("p1", "h1", Since2020, By)), cancellationToken: Ct));

        Assert.Equal(new SourceLine("import.csv", 3), refused.Source);
    }

    [Fact]
    public async Task Import_invalid_field_names_the_line_and_the_field()
    {
        var fake = new FakeQueryApi().On("existing-nodes", Exists).Answer("{}");

        var refused = await Assert.ThrowsAsync<ImportException>(() =>
            fake.Store().ImportAsync(Rows(new Professional("kz", "Ola", "Bello", Email: "not an email")), cancellationToken: Ct));

        Assert.StartsWith("import.csv, line 2: email", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_of_nothing_sends_nothing()
    {
        var fake = new FakeQueryApi();

        var summary = await fake.Store().ImportAsync([], cancellationToken: Ct);

        Assert.Equal(0, summary.Rows);
        Assert.Empty(fake.Requests);
    }

    [Fact]
    public async Task Export_reads_every_label_then_every_type_page_by_page()
    {
        var fake = new FakeQueryApi()
            .On("export-persons", ["node"], [Person("p1", "Ava", "Turner")], [Person("p2", "Chloe", "Turner")])
            .On("export-households", ["node"], [Household("h1")])
            .On("export-professionals", ["node"])
            .On("export-agencies", ["node"])
            .On("export-member-of", Step, ["p1", "h1", Open("MEMBER_OF")])
            .On("export-family", Step)
            .On("export-works-for", Step)
            .On("export-involved-with", Step)
            .On("export-status", Step, ["a1", "p1", Open("STATUS", new { status = "looked-after" })])
            .On("export-contacts", Step, ["x1", "p1", Relationship("CONTACT", new { at = "2024-06-01T23:30-05:00", kind = "visit", planned = false, recordedAt = "2024-01-02T09:30Z", recordedBy = "district-builder" })]);

        var exported = await fake.Store().ExportAsync(Ct).ToListAsync(Ct);

        Assert.Equal(
            [
                new Person("p1", "Ava", "Turner"), new Person("p2", "Chloe", "Turner"), new Household("h1", "h1 household"),
                new Membership("p1", "h1", Since2020, By),
                new ChildStatus("a1", "p1", CareStatus.LookedAfter, Since2020, By),
                new Contact("x1", "p1", new DateTimeOffset(2024, 6, 2, 4, 30, 0, TimeSpan.Zero), ContactKind.Visit, false, By),
            ],
            exported);
        Assert.Equal(0, fake.Requests[0].Parameters.GetProperty("skip").GetInt32());
    }
}
