using Patchwork.Graph.Import;
using Patchwork.Graph.Model;
using Patchwork.Graph.Storage;

namespace Patchwork.Graph.Tests.Contract;

public abstract partial class GraphStoreContractTests<TFixture>
    where TFixture : class, IGraphStoreFixture
{
    /// <summary>A second family in the bulk format, one row per line of one file.</summary>
    private static List<ImportRow> Rows(params GraphElement[] elements) =>
        [.. elements.Select((e, i) => new ImportRow(e, new SourceLine("import.csv", i + 2)))];

    private static GraphElement[] Khans() =>
    [
        new Person("k1", "Noah", "Khan", new DateOnly(2016, 9, 1)),
        new Person("k2", "Sara", "Khan"),
        new Household("kh", "Khan household"),
        new Professional("kx", "Ola", "Bello", Email: "ola@northvale.gov.uk"),
        new Agency("ka", "Northvale Youth Service", "youth"),
        new Membership("k1", "kh", new Period(District.Since), District.By),
        new Membership("k2", "kh", new Period(District.Since), District.By),
        new FamilyTie("k2", "k1", FamilyKind.Parent, new Period(District.Since), District.By),
        new Employment("kx", "ka", "Youth work", new Period(District.Since), District.By),
        new Involvement("kx", "k1", "Youth worker", true, false, new Period(District.Since), District.By),
        new Contact("kx", "k1", new DateTimeOffset(2024, 6, 3, 16, 0, 0, TimeSpan.Zero), ContactKind.Visit, false, District.By),
    ];

    /// <summary>What the questions answer about the store, beyond its stats and export.</summary>
    private static async Task<string> AnswersAsync(IGraphStore store)
    {
        var lines = new List<string>();
        foreach (var text in new[] { "khan", "noah", "tur", "Ava Turner", "2016-09-01" })
        {
            lines.Add($"search {text}: " + string.Join(", ", (await store.SearchAsync(text, cancellationToken: Ct)).Select(h => h.Ref)));
        }

        var network = await store.OpenNetworkAsync("p1", Today, depth: 2, cancellationToken: Ct);
        lines.Add("network: " + string.Join(", ", NodesOf(network)));
        lines.Add("edges: " + string.Join(", ", EdgesOf(network)));
        lines.Add("without lead: " + string.Join(", ", (await store.ClientsWithoutLeadAsync(Today, cancellationToken: Ct)).Items.Select(c => c.Id)));
        lines.Add("k1 exists: " + (await store.FindNodeAsync(PersonRef("k1"), Ct) is not null));
        return string.Join('\n', lines);
    }

    private async Task AssertImportRefusedAsync(IReadOnlyList<ImportRow> rows, int badIndex)
    {
        var store = await NewStoreAsync(Family());
        var snapshot = await SnapshotAsync(store);
        var answers = await AnswersAsync(store);

        var refused = await Assert.ThrowsAsync<ImportException>(() => store.ImportAsync(rows, cancellationToken: Ct));

        Assert.Equal(rows[badIndex].Source, refused.Source);
        Assert.Contains(rows[badIndex].Source.ToString(), refused.Message, StringComparison.Ordinal);
        Assert.Equal(snapshot, await SnapshotAsync(store));
        Assert.Equal(answers, await AnswersAsync(store));
    }

    public static TheoryData<BulkFileKind, string> BadHeaders()
    {
        var data = new TheoryData<BulkFileKind, string>();
        foreach (var kind in BulkFormat.Kinds)
        {
            data.Add(kind, "missing");
            data.Add(kind, "unknown");
            data.Add(kind, "repeated");
        }

        return data;
    }

    /// <summary>
    /// A folder in the bulk format, written from <see cref="Khans"/>, with one file's header spoilt: its first
    /// required column (after the ids) left out, renamed to an unknown one, or given twice.
    /// </summary>
    private static async Task<(string Folder, string Column)> SpoiltFolderAsync(BulkFileKind kind, string spoil)
    {
        var folder = Directory.CreateTempSubdirectory("patchwork-header-").FullName;
        await new BulkFormatWriter(folder).WriteAsync(Khans().ToAsyncEnumerable(), cancellationToken: Ct);
        var path = Path.Combine(folder, BulkFormat.FileName(kind));
        var lines = File.ReadAllLines(path).ToList();
        var header = lines[0].Split(',').ToList();
        var at = Enumerable.Range(0, header.Count).First(i => !header[i].Contains("ID(", StringComparison.Ordinal) && BulkFormat.Spec(kind).Columns[i].Required);
        var column = header[at];
        switch (spoil)
        {
            case "missing":
                header.RemoveAt(at);
                break;
            case "unknown":
                header[at] = column = "colour" + column[column.Split(':')[0].Length..];
                break;
            default:
                header[^1] = column;
                break;
        }

        lines[0] = string.Join(',', header);
        await File.WriteAllLinesAsync(path, lines, Ct);
        return (folder, column);
    }

    [Theory]
    [MemberData(nameof(BadHeaders))]
    public async Task Import_of_a_file_with_a_bad_header_names_file_and_column_and_changes_nothing(BulkFileKind kind, string spoil)
    {
        var store = await NewStoreAsync(Family());
        var snapshot = await SnapshotAsync(store);
        var (folder, column) = await SpoiltFolderAsync(kind, spoil);
        try
        {
            var refused = await Assert.ThrowsAsync<ImportException>(() => store.ImportAsync(new BulkFormatReader(folder), cancellationToken: Ct));

            Assert.Equal(new SourceLine(BulkFormat.FileName(kind), 1), refused.Source);
            Assert.Contains($"'{column}'", refused.Message, StringComparison.Ordinal);
            Assert.Contains(spoil switch { "missing" => "missing column", "unknown" => "unknown column", _ => "appears twice" }, refused.Message, StringComparison.Ordinal);
            Assert.Contains("has the columns", refused.Message, StringComparison.Ordinal);
            Assert.Equal(snapshot, await SnapshotAsync(store));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Import_of_the_writers_files_loads_them()
    {
        var store = await NewStoreAsync(Family());
        var folder = Directory.CreateTempSubdirectory("patchwork-header-").FullName;
        try
        {
            await new BulkFormatWriter(folder).WriteAsync(Khans().ToAsyncEnumerable(), cancellationToken: Ct);

            var summary = await store.ImportAsync(new BulkFormatReader(folder), cancellationToken: Ct);

            Assert.Equal(Khans().Length, summary.Rows);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Import_loads_every_row_so_the_questions_answer_about_it()
    {
        var store = await NewStoreAsync(Family());
        var rows = Rows(Khans());

        var summary = await store.ImportAsync(rows, cancellationToken: Ct);

        Assert.Equal(5, summary.Nodes);
        Assert.Equal(rows.Count, summary.Rows);
        var stats = await store.GetStatsAsync(Ct);
        Assert.Equal(9, NodeCount(stats, NodeKind.Person));
        Assert.Equal(2, RelationshipCount(stats, "CONTACT"));
        var network = await store.OpenNetworkAsync("k1", Today, cancellationToken: Ct);
        Assert.Equal(["Agency ka@3", "Household kh@1", "Person k1@0", "Person k2@1", "Professional kx@2"], NodesOf(network));
        var member = Assert.Single(await store.GetTeamAsync("k1", Today, Ct));
        Assert.Equal(new DateTimeOffset(2024, 6, 3, 16, 0, 0, TimeSpan.Zero), member.LastContact?.At);
        Assert.Equal(["Person k1"], (await store.SearchAsync("noah kh", cancellationToken: Ct)).Select(h => h.Ref.ToString()));
    }

    [Fact]
    public async Task Import_exports_what_it_loaded()
    {
        var store = await NewStoreAsync();
        var elements = Khans();

        await store.ImportAsync(Rows(elements), cancellationToken: Ct);

        var exported = await store.ExportAsync(Ct).ToListAsync(Ct);
        Assert.Equal(elements.Length, exported.Count);
        Assert.All(elements, e => Assert.Contains(e, exported));
    }

    [Fact]
    public async Task Import_relationship_may_name_nodes_already_in_the_store()
    {
        var store = await NewStoreAsync(Family());

        await store.ImportAsync(
            Rows(
                new Person("k1", "Noah", "Khan"),
                new Involvement("x1", "k1", "Social worker", false, false, new Period(District.Since), District.By),
                new FamilyTie("p3", "k1", FamilyKind.Parent, new Period(District.Since), District.By)),
            cancellationToken: Ct);

        var team = await store.GetTeamAsync("k1", Today, Ct);
        Assert.Equal("x1", Assert.Single(team).Professional.Id);
        Assert.Contains("Person k1@1", NodesOf(await store.OpenNetworkAsync("p3", Today, cancellationToken: Ct)));
    }

    [Fact]
    public async Task Import_without_recorded_still_loads_relationships()
    {
        var store = await NewStoreAsync(Family());

        await store.ImportAsync(
            Rows(new Person("k1", "Noah", "Khan"), new Membership("k1", "h1", new Period(District.Since))),
            cancellationToken: Ct);

        Assert.Contains("Person k1@1", NodesOf(await store.OpenNetworkAsync("p1", Today, cancellationToken: Ct)));
    }

    [Fact]
    public async Task Import_duplicate_id_within_the_rows_aborts_naming_the_second_line_and_changes_nothing()
    {
        var rows = Rows([.. Khans(), new Person("k2", "Another", "Khan")]);

        await AssertImportRefusedAsync(rows, rows.Count - 1);
    }

    [Theory]
    [InlineData(NodeKind.Person, "p1")]
    [InlineData(NodeKind.Household, "h1")]
    [InlineData(NodeKind.Professional, "x1")]
    [InlineData(NodeKind.Agency, "a1")]
    public async Task Import_id_already_in_the_store_aborts_naming_the_line_and_changes_nothing(NodeKind kind, string id)
    {
        Node duplicate = kind switch
        {
            NodeKind.Person => new Person(id, "Another", "Person"),
            NodeKind.Household => new Household(id, "Another household"),
            NodeKind.Professional => new Professional(id, "Another", "Professional"),
            _ => new Agency(id, "Another agency", "police"),
        };
        var rows = Rows([.. Khans(), duplicate]);

        await AssertImportRefusedAsync(rows, rows.Count - 1);
    }

    public static TheoryData<GraphElement> RowsNamingUnknownIds => new()
    {
        new Membership("k1", "zz", new Period(District.Since), District.By),
        new Membership("zz", "kh", new Period(District.Since), District.By),
        new FamilyTie("k1", "zz", FamilyKind.Sibling, new Period(District.Since), District.By),
        new Employment("kx", "zz", null, new Period(District.Since), District.By),
        new Involvement("zz", "k1", "Nurse", false, false, new Period(District.Since), District.By),
        new Involvement("kx", "zz", "Nurse", false, false, new Period(District.Since), District.By),
        new Contact("zz", "k1", new DateTimeOffset(2024, 6, 3, 16, 0, 0, TimeSpan.Zero), ContactKind.Visit, false, District.By),
        new Contact("kx", "zz", new DateTimeOffset(2024, 6, 3, 16, 0, 0, TimeSpan.Zero), ContactKind.Visit, false, District.By),
        // A person id does not name a household, even one in the store already.
        new Membership("k1", "p1", new Period(District.Since), District.By),
    };

    [Theory]
    [MemberData(nameof(RowsNamingUnknownIds))]
    public async Task Import_unknown_id_in_any_row_aborts_naming_the_line_and_changes_nothing(GraphElement bad)
    {
        var rows = Rows([.. Khans(), bad]);

        await AssertImportRefusedAsync(rows, rows.Count - 1);
    }

    [Fact]
    public async Task Import_bad_row_in_the_middle_aborts_the_rows_before_it_too()
    {
        var elements = Khans();
        GraphElement[] withBad = [.. elements[..5], new Membership("k1", "nowhere", new Period(District.Since), District.By), .. elements[5..]];
        var rows = Rows(withBad);

        await AssertImportRefusedAsync(rows, 5);
    }

    [Fact]
    public async Task Import_invalid_node_aborts_naming_the_line_and_the_field()
    {
        var rows = Rows([.. Khans(), new Professional("kz", "Ola", "Bello", Email: "not an email")]);
        var store = await NewStoreAsync(Family());
        var before = await SnapshotAsync(store);

        var refused = await Assert.ThrowsAsync<ImportException>(() => store.ImportAsync(rows, cancellationToken: Ct));

        Assert.Equal(rows[^1].Source, refused.Source);
        Assert.Contains("email", refused.Message, StringComparison.Ordinal);
        Assert.Equal(before, await SnapshotAsync(store));
    }

    [Fact]
    public async Task Import_same_relationship_twice_aborts_and_changes_nothing()
    {
        var rows = Rows([.. Khans(), new Membership("k1", "kh", new Period(District.Since), District.By)]);

        await AssertImportRefusedAsync(rows, rows.Count - 1);
    }

    [Fact]
    public async Task Import_relationship_already_in_the_store_aborts_and_changes_nothing()
    {
        var rows = Rows([.. Khans(), new Membership("p1", "h1", new Period(District.Since), District.By)]);

        await AssertImportRefusedAsync(rows, rows.Count - 1);
    }

    [Fact]
    public async Task Import_after_a_refused_import_the_same_rows_fixed_load()
    {
        var store = await NewStoreAsync(Family());
        await Assert.ThrowsAsync<ImportException>(() => store.ImportAsync(Rows([.. Khans(), new Person("k1", "Twice", "Khan")]), cancellationToken: Ct));

        var summary = await store.ImportAsync(Rows(Khans()), cancellationToken: Ct);

        Assert.Equal(5, summary.Nodes);
        Assert.Equal(["Person k1"], (await store.SearchAsync("noah", cancellationToken: Ct)).Select(h => h.Ref.ToString()));
    }
}
