using System.Text;
using Patchwork.Graph.Import;
using Patchwork.Graph.Model;

namespace Patchwork.Graph.Tests.Import;

/// <summary>
/// Every file's header against the format of its kind: a required column missing, a column the kind does not know,
/// or a column given twice stops the import before any row is read, naming the file, the column and what the format
/// expects. Optional columns may be left out.
/// </summary>
public sealed class StrictHeaderTests : IDisposable
{
    /// <summary>One good row per kind, a value for every column of <see cref="BulkFormat.Header"/> in its order.</summary>
    private static readonly Dictionary<BulkFileKind, string[]> Sample = new()
    {
        [BulkFileKind.Persons] = ["p1", "Ava", "Turner", "2014-03-14", "female", "9434765919", "Person"],
        [BulkFileKind.Households] = ["h1", "Home", "1 High St", "NV1 2AB", "Household"],
        [BulkFileKind.Professionals] = ["r1", "Sam", "Adeyemi", "Social Worker", "01632 960001", "sam@example.org", "Practitioner", "Professional"],
        [BulkFileKind.Agencies] = ["a1", "Pathways", "health", "01632 960100", "true", "01632 960199", "Agency"],
        [BulkFileKind.MemberOf] = ["p1", "h1", "2020-01-01", "2021-01-01", "MEMBER_OF", "2020-01-02T09:00:00Z", "sam"],
        [BulkFileKind.Family] = ["p1", "p2", "parent", "2020-01-01", "2021-01-01", "FAMILY", "2020-01-02T09:00:00Z", "sam"],
        [BulkFileKind.WorksFor] = ["r1", "a1", "Team A", "2020-01-01", "2021-01-01", "WORKS_FOR", "2020-01-02T09:00:00Z", "sam"],
        [BulkFileKind.InvolvedWith] = ["r1", "p1", "Social worker", "true", "false", "2020-01-01", "2021-01-01", "INVOLVED_WITH", "2020-01-02T09:00:00Z", "sam"],
        [BulkFileKind.Statuses] = ["a1", "p1", "child-protection-plan", "2020-01-01", "2021-01-01", "STATUS", "2020-01-02T09:00:00Z", "sam"],
        [BulkFileKind.Contacts] = ["r1", "p1", "2026-05-20T13:00:00Z", "visit", "false", "true", "false", "CONTACT", "2020-01-02T09:00:00Z", "sam"],
    };

    private readonly string folder = Directory.CreateTempSubdirectory("patchwork-strict-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private static bool IsIdColumn(string header) => header.StartsWith("id:ID", StringComparison.Ordinal) || header.StartsWith(":START_ID", StringComparison.Ordinal) || header.StartsWith(":END_ID", StringComparison.Ordinal);

    private static bool IsRecording(string header) => header is "recordedAt:datetime" or "recordedBy";

    private static bool Required(BulkFileKind kind, string header) =>
        BulkFormat.Spec(kind).Columns[BulkFormat.Header(kind).ToList().IndexOf(header)].Required;

    public static TheoryData<BulkFileKind, string> RequiredColumns()
    {
        var data = new TheoryData<BulkFileKind, string>();
        foreach (var kind in BulkFormat.Kinds)
        {
            // The id columns say which kind a file is; without them the file is refused as unrecognised (see BulkFormatReaderTests).
            foreach (var header in BulkFormat.Header(kind).Where(h => Required(kind, h) && !IsIdColumn(h)))
            {
                data.Add(kind, header);
            }
        }

        return data;
    }

    public static TheoryData<BulkFileKind, string[]> OptionalColumns()
    {
        var data = new TheoryData<BulkFileKind, string[]>();
        foreach (var kind in BulkFormat.Kinds)
        {
            var optional = BulkFormat.Header(kind).Where(h => !Required(kind, h)).ToList();
            foreach (var header in optional.Where(h => !IsRecording(h)))
            {
                data.Add(kind, [header]);
            }

            data.Add(kind, [.. optional]);
        }

        return data;
    }

    public static TheoryData<BulkFileKind> Kinds() => [.. BulkFormat.Kinds];

    /// <summary>Writes a file of one kind with the columns chosen, in the format's order, and one good row.</summary>
    private string WriteFile(BulkFileKind kind, IReadOnlyList<(string Header, string Value)> chosen)
    {
        var name = BulkFormat.FileName(kind);
        File.WriteAllText(
            Path.Combine(folder, name),
            string.Join(',', chosen.Select(c => c.Header)) + "\n" + string.Join(',', chosen.Select(c => c.Value)) + "\n",
            new UTF8Encoding(false));
        return name;
    }

    private static IReadOnlyList<(string Header, string Value)> Without(BulkFileKind kind, params string[] left)
    {
        var full = BulkFormat.Header(kind).Zip(Sample[kind], (h, v) => (h, v));
        return [.. full.Where(c => !left.Contains(c.h))];
    }

    private ImportException Refused() => Assert.Throws<ImportException>(() => new BulkFormatReader(folder).ToList());

    private static void AssertNamesWhatTheFormatExpects(BulkFileKind kind, ImportException error)
    {
        var required = BulkFormat.Header(kind).Where(h => Required(kind, h));
        Assert.Contains($"has the columns {string.Join(',', required)}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_kind_has_its_sample_row_accepted_with_the_full_header()
    {
        foreach (var kind in BulkFormat.Kinds)
        {
            Assert.Equal(BulkFormat.Header(kind).Count, Sample[kind].Length);
            WriteFile(kind, Without(kind));
        }

        Assert.Equal(10, new BulkFormatReader(folder).Count());
    }

    [Theory]
    [MemberData(nameof(RequiredColumns))]
    public void A_header_without_a_required_column_is_refused_naming_file_column_and_expected_columns(BulkFileKind kind, string column)
    {
        var file = WriteFile(kind, Without(kind, column));

        var error = Refused();

        Assert.Equal(new SourceLine(file, 1), error.Source);
        Assert.StartsWith($"{file}, line 1: missing column '{column}': ", error.Message, StringComparison.Ordinal);
        AssertNamesWhatTheFormatExpects(kind, error);
    }

    [Fact]
    public void A_people_file_without_family_names_or_genders_is_refused_rather_than_stored_empty()
    {
        var file = WriteFile(BulkFileKind.Persons, Without(BulkFileKind.Persons, "familyName", "gender"));

        var error = Refused();

        Assert.Equal(
            $"{file}, line 1: missing columns 'familyName', 'gender': a Person file needs them. A Person file has the columns "
            + "id:ID(Person),givenName,familyName,dateOfBirth:date,gender,:LABEL and may also have nhsNumber.",
            error.Message);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void A_header_with_an_unknown_column_is_refused_naming_file_column_and_expected_columns(BulkFileKind kind)
    {
        var file = WriteFile(kind, [.. Without(kind), ("colour", "blue")]);

        var error = Refused();

        Assert.Equal(new SourceLine(file, 1), error.Source);
        Assert.StartsWith($"{file}, line 1: unknown column 'colour' in a", error.Message, StringComparison.Ordinal);
        AssertNamesWhatTheFormatExpects(kind, error);
    }

    [Theory]
    [InlineData(BulkFileKind.Persons, "familyName", "familyNmae")]
    [InlineData(BulkFileKind.Persons, "gender", "gendr")]
    [InlineData(BulkFileKind.MemberOf, "until:date", "untill:date")]
    [InlineData(BulkFileKind.InvolvedWith, "sensitive:boolean", "sensitve:boolean")]
    public void A_misspelt_column_is_refused_with_the_column_it_was_meant_to_be(BulkFileKind kind, string column, string typo)
    {
        WriteFile(kind, [.. Without(kind).Select(c => c.Header == column ? (typo, c.Value) : c)]);

        var error = Refused();

        Assert.Contains($"unknown column '{typo}'", error.Message, StringComparison.Ordinal);
        Assert.Contains($"Did you mean '{column}'?", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void A_header_with_a_column_twice_is_refused_naming_file_column_and_expected_columns(BulkFileKind kind)
    {
        var full = Without(kind);
        var twice = full.First(c => !IsIdColumn(c.Header));
        var file = WriteFile(kind, [.. full, twice]);

        var error = Refused();

        Assert.Equal(new SourceLine(file, 1), error.Source);
        Assert.StartsWith($"{file}, line 1: column '{twice.Header}' appears twice (columns {full.ToList().IndexOf(twice) + 1} and {full.Count + 1})", error.Message, StringComparison.Ordinal);
        AssertNamesWhatTheFormatExpects(kind, error);
    }

    [Theory]
    [MemberData(nameof(OptionalColumns))]
    public void A_header_without_optional_columns_is_accepted(BulkFileKind kind, string[] columns)
    {
        WriteFile(kind, Without(kind, columns));

        var row = Assert.Single(new BulkFormatReader(folder));

        Assert.Equal(BulkFormat.Spec(kind).LabelOrType, row.Element switch
        {
            Node node => node.Kind.Label(),
            Relationship relationship => relationship.Type.TypeName(),
            _ => "CONTACT",
        });
    }
}
