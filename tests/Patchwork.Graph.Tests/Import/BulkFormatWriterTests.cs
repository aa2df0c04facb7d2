using Patchwork.Graph.Import;
using Patchwork.Graph.Model;

namespace Patchwork.Graph.Tests.Import;

public sealed class BulkFormatWriterTests : IDisposable
{
    private static readonly Recorded ByImport = new(new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero), "import");

    private readonly string folder = Directory.CreateTempSubdirectory("patchwork-bulk-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private static GraphElement[] Elements =>
    [
        new Person("p1", "Siobhán", "O'Brien, \"Jr\"", new DateOnly(2014, 3, 14), Gender.Female, NhsNumber.Parse("943 476 5919")),
        new Person("p2", "", "Smith"),
        new Household("h1", "Smith, the elder", "1 \"High\" St", "NV1 2AB"),
        new Professional("r1", "Sam", "Adeyemi", "Social Worker", "01632 960001", "sam@example.org", [ProfessionalRole.Practitioner, ProfessionalRole.Coordinator]),
        new Professional("r2", "Pat", "Lee"),
        new Agency("a1", "Pathways, Recovery", "substance-misuse", null, Sensitive: true),
        new Membership("p1", "h1", new Period(new DateOnly(2014, 3, 14), new DateOnly(2020, 1, 1)), ByImport),
        new FamilyTie("p2", "p1", FamilyKind.Grandparent, new Period(new DateOnly(2014, 3, 14)), ByImport),
        new Employment("r1", "a1", "Team, A", new Period(new DateOnly(2019, 1, 1)), ByImport),
        new Employment("r2", "a1", null, new Period(new DateOnly(2019, 1, 1)), ByImport),
        new Involvement("r1", "p1", "Lead worker", Lead: true, Sensitive: true, new Period(new DateOnly(2025, 1, 1)), ByImport),
        new Contact("r1", "p1", new DateTimeOffset(2026, 5, 20, 13, 0, 0, 250, TimeSpan.Zero), ContactKind.Meeting, Planned: true, ByImport),
    ];

    [Fact]
    public async Task Writer_output_reads_back_as_the_same_elements()
    {
        var written = await new BulkFormatWriter(folder).WriteAsync(Elements.ToAsyncEnumerable(), cancellationToken: TestContext.Current.CancellationToken);

        var read = new BulkFormatReader(folder).Select(r => r.Element).ToList();

        Assert.Equal(Elements.Length, written);
        // The reader goes file by file (sorted by name), nodes first; compare without that order.
        static string Key(GraphElement e) => $"{e.GetType().Name} {e}";
        Assert.Equal(Elements.OrderBy(Key, StringComparer.Ordinal), read.OrderBy(Key, StringComparer.Ordinal));
    }

    [Fact]
    public async Task Writer_writes_the_ten_files_with_full_headers_even_when_empty()
    {
        await new BulkFormatWriter(folder).WriteAsync(AsyncEnumerable.Empty<GraphElement>(), cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(10, Directory.GetFiles(folder, "*.csv").Length);
        foreach (var kind in BulkFormat.Kinds)
        {
            Assert.Equal(string.Join(',', BulkFormat.Header(kind)), File.ReadAllText(Path.Combine(folder, BulkFormat.FileName(kind))).TrimEnd('\n'));
        }

        Assert.Empty(new BulkFormatReader(folder));
    }

    [Fact]
    public async Task Writer_refuses_a_folder_with_other_csv_files()
    {
        File.WriteAllText(Path.Combine(folder, "old.csv"), "x\n");

        var error = await Assert.ThrowsAsync<ImportException>(() => new BulkFormatWriter(folder).WriteAsync(Elements.ToAsyncEnumerable(), cancellationToken: TestContext.Current.CancellationToken));

        Assert.Contains("old.csv", error.Message, StringComparison.Ordinal);
    }
}
