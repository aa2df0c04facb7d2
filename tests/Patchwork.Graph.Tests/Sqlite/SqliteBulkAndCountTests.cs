using Microsoft.Data.Sqlite;
using Patchwork.Graph.Import;
using Patchwork.Graph.Model;
using Patchwork.Graph.Storage.Sqlite;

namespace Patchwork.Graph.Tests.Sqlite;

/// <summary>
/// What the SQLite store keeps for speed must answer exactly as the data does: the running sums behind the
/// no-lead count, and the indexes a bulk import drops and builds again.
/// </summary>
public sealed class SqliteBulkAndCountTests : IDisposable
{
    private static readonly DateOnly Start = new(2025, 1, 1);
    private readonly TempStores stores = new();

    public void Dispose() => stores.Dispose();

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task Count_without_lead_matches_the_involvements_on_every_day_after_imports_writes_and_ends(int seed)
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var random = new Random(seed);
        var store = stores.Open(stores.NewPath());
        await store.InitializeAsync(cancellationToken);
        var recorded = new Recorded(DateTimeOffset.UtcNow, "test");
        var involvements = new Dictionary<(string Person, string Professional, DateOnly Since), Involvement>();
        Involvement NewInvolvement()
        {
            while (true)
            {
                var since = Start.AddDays(random.Next(100));
                var person = $"P{random.Next(40)}";
                var professional = $"PR{random.Next(6)}";
                if (!involvements.ContainsKey((person, professional, since)))
                {
                    var until = random.Next(3) == 0 ? since.AddDays(1 + random.Next(60)) : (DateOnly?)null;
                    var involvement = new Involvement(professional, person, "worker", random.Next(3) == 0, false, new Period(since, until), recorded);
                    involvements[(person, professional, since)] = involvement;
                    return involvement;
                }
            }
        }

        // An import into the empty store (the bulk path), a second import (the ordinary path), then single writes and ends.
        List<ImportRow> first = [.. Enumerable.Range(0, 40).Select(i => Row(new Person($"P{i}", "Given", $"Family{i}")))];
        first.AddRange(Enumerable.Range(0, 6).Select(i => Row(new Professional($"PR{i}", "Pro", $"Fessional{i}"))));
        first.AddRange(Enumerable.Range(0, 30).Select(_ => Row(NewInvolvement())));
        await store.ImportAsync(first, cancellationToken: cancellationToken);
        await store.ImportAsync([.. Enumerable.Range(0, 20).Select(_ => Row(NewInvolvement()))], cancellationToken: cancellationToken);
        for (var i = 0; i < 30; i++)
        {
            await store.AddRelationshipAsync(NewInvolvement(), cancellationToken);
        }

        foreach (var open in involvements.Values.Where(v => v.Period.Until is null).Take(12).ToList())
        {
            var until = open.Period.Since.AddDays(1 + random.Next(50));
            await store.EndRelationshipAsync(open.Key, until, recorded, cancellationToken);
            involvements[(open.PersonId, open.ProfessionalId, open.Period.Since)] = open with { Period = open.Period.EndedOn(until) };
        }

        for (var day = Start.AddDays(-1); day <= Start.AddDays(170); day = day.AddDays(1))
        {
            var active = involvements.Values.Where(v => v.IsActiveAt(day)).GroupBy(v => v.PersonId);
            var expected = active.Count(g => !g.Any(v => v.Lead));
            Assert.Equal(expected, await store.CountClientsWithoutLeadAsync(day, cancellationToken));
            Assert.Equal(expected, (await store.ClientsWithoutLeadAsync(day, 0, 5, cancellationToken)).TotalCount);
        }
    }

    [Fact]
    public async Task Bulk_import_indexes_are_those_the_migrations_make_and_are_there_after_a_bulk_import()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var path = stores.NewPath();
        var store = stores.Open(path);
        await store.InitializeAsync(cancellationToken);
        var migrated = IndexSql(path);

        await store.ImportAsync([Row(new Person("P1", "Ava", "Turner"))], cancellationToken: cancellationToken);

        Assert.Equal(SqliteSchema.BulkIndexes.ToDictionary(i => i.Name, i => i.Create), migrated.Where(i => SqliteSchema.BulkIndexes.Any(b => b.Name == i.Key)).ToDictionary());
        Assert.Equal(migrated, IndexSql(path));
    }

    // An import binds node keys it found itself, with SQLite's own check of references off for speed: every
    // reference it leaves must still be sound, on the bulk path and the ordinary one.
    [Fact]
    public async Task Imports_leave_every_reference_sound_and_a_new_store_has_16_KiB_pages()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var path = stores.NewPath();
        var store = stores.Open(path);
        await store.InitializeAsync(cancellationToken);
        var recorded = new Recorded(DateTimeOffset.UtcNow, "test");

        await store.ImportAsync(
            [
                Row(new Person("P1", "Ava", "Turner")), Row(new Person("P2", "Chloe", "Turner")), Row(new Household("H1", "Turner household")),
                Row(new Professional("PR1", "Sam", "Adeyemi")), Row(new Agency("A1", "Children's Services", "children-social-care")),
                Row(new Membership("P1", "H1", new Period(Start))), Row(new FamilyTie("P2", "P1", FamilyKind.Parent, new Period(Start))),
                Row(new Employment("PR1", "A1", null, new Period(Start))), Row(new Involvement("PR1", "P1", "Social worker", true, false, new Period(Start))),
                Row(new Contact("PR1", "P1", new DateTimeOffset(2025, 2, 1, 10, 0, 0, TimeSpan.Zero), ContactKind.Visit, false)),
            ],
            cancellationToken: cancellationToken);
        await store.ImportAsync([Row(new Person("P3", "Noah", "Turner")), Row(new Membership("P3", "H1", new Period(Start)))], cancellationToken: cancellationToken);
        await store.AddRelationshipAsync(new FamilyTie("P2", "P3", FamilyKind.Parent, new Period(Start), recorded), cancellationToken);

        Assert.Equal([], Rows(path, "PRAGMA foreign_key_check"));
        Assert.Equal(["16384"], Rows(path, "PRAGMA page_size"));
        Assert.Equal(["ok"], Rows(path, "PRAGMA integrity_check"));
    }

    // A first load builds the name index on the other core and copies FTS5's tables in whole: the index must be
    // sound, and find what an index built name by name finds.
    [Fact]
    public async Task A_first_load_builds_a_sound_name_index_that_finds_what_one_built_name_by_name_finds()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var random = new Random(7);
        string[] given = ["Ava", "Chloe", "Noah", "Jean", "Zoë", "Mohammed", "Siobhán", "Oliver"];
        string[] family = ["Turner", "Mitchell", "O'Brien", "Nowak", "Adeyemi", "Smith-Jones", "Turnbull", "Mills"];
        List<ImportRow> rows =
        [
            .. Enumerable.Range(0, 400).Select(i => Row(new Person($"P{i}", given[random.Next(given.Length)], family[random.Next(family.Length)]))),
            .. Enumerable.Range(0, 30).Select(i => Row(new Household($"H{i}", $"{family[i % family.Length]} household {i}"))),
            Row(new Agency("A1", "Children's Services", "children-social-care")),
            Row(new Professional("PR1", "Sam", "Adeyemi")),
        ];

        var firstLoad = stores.NewPath();
        var bulk = stores.Open(firstLoad);
        await bulk.InitializeAsync(cancellationToken);
        await bulk.ImportAsync(rows, cancellationToken: cancellationToken);

        // Not empty, so no first load: every name goes into the index as its row is written.
        var oneByOne = stores.NewPath();
        var ordinary = stores.Open(oneByOne);
        await ordinary.InitializeAsync(cancellationToken);
        await ordinary.ImportAsync([Row(new Person("X0", "Someone", "Else"))], cancellationToken: cancellationToken);
        await ordinary.ImportAsync(rows, cancellationToken: cancellationToken);

        // FTS5 checks its own tables against its content: this fails if any copied row is wrong.
        Assert.Equal([], Rows(firstLoad, "INSERT INTO name_index(name_index) VALUES ('integrity-check')"));
        Assert.Equal(rows.Count, int.Parse(Rows(firstLoad, "SELECT count(*) FROM name_index")[0], System.Globalization.CultureInfo.InvariantCulture));
        foreach (var text in (string[])["tur", "ava turner", "zoe", "o'brien", "smith", "jones", "mills household", "children", "sam ad", "j", "siobhan now"])
        {
            var expected = (await ordinary.SearchAsync(text, 500, cancellationToken)).Where(h => h.Ref.Id != "X0").Select(h => h.Ref.Id).Order().ToList();
            var found = (await bulk.SearchAsync(text, 500, cancellationToken)).Select(h => h.Ref.Id).Order().ToList();
            Assert.NotEmpty(found);
            Assert.Equal(expected, found);
        }
    }

    private static ImportRow Row(GraphElement element) => new(element, new SourceLine("test.csv", 2));

    private static List<string> Rows(string path, string sql)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<string>();
        while (reader.Read())
        {
            rows.Add(string.Join("|", Enumerable.Range(0, reader.FieldCount).Select(i => reader.GetValue(i)?.ToString())));
        }

        return rows;
    }

    private static Dictionary<string, string> IndexSql(string path)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL";
        using var reader = command.ExecuteReader();
        var indexes = new Dictionary<string, string>();
        while (reader.Read())
        {
            indexes[reader.GetString(0)] = reader.GetString(1);
        }

        return indexes;
    }
}
