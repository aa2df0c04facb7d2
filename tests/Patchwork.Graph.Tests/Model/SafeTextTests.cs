using System.Text;
using Patchwork.Graph.Import;
using Patchwork.Graph.Model;
using Patchwork.Graph.Tests.Access;
using Patchwork.Graph.Tests.Contract;

namespace Patchwork.Graph.Tests.Model;

public sealed class SafeTextTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("patchwork-safe-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    /// <summary>One character of every class refused, with the words its message must use.</summary>
    public static TheoryData<string, string> Refused => new()
    {
        { "\u0007", "a control character (U+0007)" },
        { "\t", "a tab (U+0009)" },
        { "\n", "a line break (U+000A)" },
        { "\u007F", "a control character (U+007F)" },
        { "\u0085", "a control character (U+0085)" },
        { "\u2028", "a line separator (U+2028)" },
        { "\u061C", "an Arabic letter mark (U+061C), which can disguise text; remove it." },
        { "\u200E", "a left-to-right mark (U+200E), which can disguise text" },
        { "\u200F", "a right-to-left mark (U+200F), which can disguise text" },
        { "\u202A", "a left-to-right embedding (U+202A)" },
        { "\u202B", "a right-to-left embedding (U+202B)" },
        { "\u202C", "a pop directional formatting character (U+202C)" },
        { "\u202D", "a left-to-right override (U+202D)" },
        { "\u202E", "a right-to-left override (U+202E), which can disguise text; remove it." },
        { "\u2066", "a left-to-right isolate (U+2066)" },
        { "\u2067", "a right-to-left isolate (U+2067)" },
        { "\u2068", "a first strong isolate (U+2068)" },
        { "\u2069", "a pop directional isolate (U+2069)" },
        { "\u200B", "a zero width space (U+200B), an invisible character that can hide text; remove it." },
        { "\u200C", "a zero width non-joiner (U+200C)" },
        { "\u200D", "a zero width joiner (U+200D)" },
        { "\u2060", "a word joiner (U+2060)" },
        { "\u2061", "an invisible function application (U+2061)" },
        { "\u2062", "an invisible times (U+2062)" },
        { "\u2063", "an invisible separator (U+2063)" },
        { "\u2064", "an invisible plus (U+2064)" },
        { "\uFEFF", "a zero width no-break space (byte order mark) (U+FEFF)" },
        { "\u180E", "a Mongolian vowel separator (U+180E)" },
        { "\u00AD", "a soft hyphen (U+00AD)" },
        { "\U000E0041", "a tag character (U+E0041)" },
        { "\uE000", "a private-use character (U+E000)" },
        { "\U0010FFFD", "a private-use character (U+10FFFD)" },
        { "\u0378", "U+0378, which is not a character Unicode defines" },
        { "\uD800", "a broken character (U+D800" },
        { "\uFFFD", "a replacement character (U+FFFD)" },
    };

    private static readonly string[] LegitimateNames =
    [
        "Zoë O'Brien-Łukasz",
        "Siân",
        "محمد",
        "Siobhán Ní Dhomhnaill",
        "Mary-Jane d'Arcy",
        "Wojciech Żółć",
        "José Martínez",
        "Nguyễn Thị Minh Khai",
        "李小龍",
        "Ørjan Åsmund",
        "Ffion ap Rhys",
        "Ŵyn Ŷr",
    ];

    public static TheoryData<string> Legitimate => [.. LegitimateNames];

    [Theory]
    [MemberData(nameof(Refused))]
    public void Problem_names_each_hidden_or_direction_changing_character(string character, string expected)
    {
        var problem = SafeText.Problem($"Omar{character}txt.exe");

        Assert.NotNull(problem);
        Assert.StartsWith("contains ", problem, StringComparison.Ordinal);
        Assert.Contains(expected, problem, StringComparison.Ordinal);
        Assert.EndsWith("; remove it.", problem, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Legitimate))]
    public void Problem_accepts_names_in_every_script_with_accents_apostrophes_and_hyphens(string name)
    {
        Assert.Null(SafeText.Problem(name));
        GraphValidator.Check(new Person("p1", name, name));
    }

    [Fact]
    public void Multi_line_text_keeps_line_breaks_and_nothing_else()
    {
        Assert.Null(SafeText.Problem("Seen at school.\nMum says all is well.\r\nFollow up Monday.", multiLine: true));
        Assert.NotNull(SafeText.Problem("Seen at school.\nMum says all is well.", multiLine: false));
        Assert.Contains("a carriage return (U+000D)", SafeText.Problem("Seen\rat school", multiLine: true), StringComparison.Ordinal);
        Assert.Contains("a tab (U+0009)", SafeText.Problem("Seen\tat school", multiLine: true), StringComparison.Ordinal);
        Assert.Contains("U+202E", SafeText.Problem("Seen\nat \u202Eschool", multiLine: true), StringComparison.Ordinal);
    }

    [Fact]
    public void Sentence_is_the_same_problem_as_a_sentence_of_its_own()
    {
        Assert.Equal("Contains a right-to-left override (U+202E), which can disguise text; remove it.", SafeText.Sentence("Omar\u202Etxt.exe"));
        Assert.Null(SafeText.Sentence("Omar"));
    }

    public static TheoryData<GraphElement, string> EveryTextField => new()
    {
        { new Person("p1", "Om\u202Ear", "Khan"), "givenName" },
        { new Person("p1", "Omar", "Kh\u200Ban"), "familyName" },
        { new Household("h1", "Khan\u2066 household"), "name" },
        { new Household("h1", "Khan household", "1 High\u00AD St"), "address" },
        { new Household("h1", "Khan household", null, "NV1\u200D2AB"), "postcode" },
        { new Professional("r1", "Sam\uFEFF", "Adeyemi"), "givenName" },
        { new Professional("r1", "Sam", "Adeyemi", "Social\u202B Worker"), "jobTitle" },
        { new Agency("a1", "Path\u2060ways", "health"), "name" },
        { new Agency("a1", "Pathways", "hea\u200Flth"), "kind" },
        { new Employment("r1", "a1", "Team\u061C A", new Period(new DateOnly(2020, 1, 1))), "team" },
        { new Involvement("r1", "p1", "Social\u2067 worker", false, false, new Period(new DateOnly(2020, 1, 1))), "role" },
        { new Membership("p1", "h1", new Period(new DateOnly(2020, 1, 1)), new Recorded(DateTimeOffset.UnixEpoch.AddYears(40), "sam\u202E")), "recordedBy" },
    };

    [Theory]
    [MemberData(nameof(EveryTextField))]
    public void Validator_refuses_hidden_characters_in_every_text_field_naming_it(GraphElement element, string field)
    {
        var refused = Assert.Throws<GraphRuleException>(() => GraphValidator.Check(element));

        Assert.StartsWith($"{field} contains ", refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Refused))]
    public void Import_refuses_each_class_naming_file_line_and_column(string character, string expected)
    {
        File.WriteAllText(
            Path.Combine(folder, "persons.csv"),
            $"id:ID(Person),givenName,familyName,dateOfBirth:date,gender,:LABEL\np1,Ava,Turner,,,Person\np2,\"Om{character}ar\",Khan,,,Person\n",
            new UTF8Encoding(false));

        var error = Assert.Throws<ImportException>(() => new BulkFormatReader(folder).ToList());

        Assert.Equal(new SourceLine("persons.csv", 3), error.Source);
        Assert.StartsWith("persons.csv, line 3: givenName contains ", error.Message, StringComparison.Ordinal);
        // A lone surrogate cannot be written as UTF-8: the file holds the replacement character instead.
        Assert.Contains(character == "\uD800" ? "a replacement character (U+FFFD)" : expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Import_gives_the_message_of_the_issue_for_a_right_to_left_override()
    {
        File.WriteAllText(
            Path.Combine(folder, "persons.csv"),
            "id:ID(Person),givenName,familyName,dateOfBirth:date,gender,:LABEL\n" + string.Concat(Enumerable.Range(1, 5).Select(i => $"p{i},Ava,Turner,,,Person\n")) + "p7,Omar\u202Etxt.exe,Khan,,,Person\n",
            new UTF8Encoding(false));

        var error = Assert.Throws<ImportException>(() => new BulkFormatReader(folder).ToList());

        Assert.Equal("persons.csv, line 7: givenName contains a right-to-left override (U+202E), which can disguise text; remove it.", error.Message);
    }

    [Fact]
    public async Task Demo_concerns_refuse_a_note_with_a_hidden_character_naming_the_line()
    {
        Directory.CreateDirectory(Path.Combine(folder, "workflow"));
        File.WriteAllText(Path.Combine(folder, "reference-date.txt"), "2026-06-01");
        File.WriteAllText(Path.Combine(folder, DemoConcerns.FileName), "person\tprofessional\traisedAt\tnote\np1\tr1\t2026-05-01T10:00:00Z\tMissed\u2066 school\n");
        await using var governed = await Governed.CreateAsync(new District());
        var concerns = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<Patchwork.Graph.Changes.IConcernStore>(governed.Services);

        var error = await Assert.ThrowsAsync<ImportException>(() => DemoConcerns.SeedAsync(governed.Store, concerns, folder, Governed.Today, TestContext.Current.CancellationToken));

        Assert.Equal("workflow/concerns.tsv, line 2: note contains a left-to-right isolate (U+2066), which can disguise text; remove it.", error.Message);
    }

    [Fact]
    public void Import_accepts_legitimate_names_in_every_script()
    {
        var rows = string.Concat(LegitimateNames.Select((name, i) => $"p{i},{name},{name},,,Person\n"));
        File.WriteAllText(Path.Combine(folder, "persons.csv"), "id:ID(Person),givenName,familyName,dateOfBirth:date,gender,:LABEL\n" + rows, new UTF8Encoding(false));

        var read = new BulkFormatReader(folder).Select(r => ((Person)r.Element).GivenName).ToList();

        Assert.Equal(LegitimateNames, read);
    }
}
