using System.Text.Json.Nodes;

namespace Patchwork.Cli.Tests;

public sealed class ImportCommandTests : IDisposable
{
    private readonly CliHarness cli = new();

    public void Dispose() => cli.Dispose();

    [Fact]
    public async Task Import_of_a_district_prints_the_counts_and_the_rate()
    {
        var folder = new District().WriteTo(cli.Folder("district"));

        var output = await cli.OkAsync("import", folder);

        Assert.Contains("Imported 15 nodes and 22 relationships and contacts (37 rows)", output, StringComparison.Ordinal);
        Assert.Contains("rows/s", output, StringComparison.Ordinal);
        var stats = JsonNode.Parse(await cli.OkAsync("stats", "--json"))!;
        Assert.Equal(6, (int)stats["nodes"]!["Person"]!);
        Assert.Equal(3, (int)stats["relationships"]!["CONTACT"]!);
    }

    public static TheoryData<string, Func<District, District>, string> BadImports => new()
    {
        {
            "unknown person id",
            d => d.Replace("involved_with.csv", $",{d.Id("P4")},false,true", ",NOPE,false,true"),
            "involved_with.csv, line 4: :END_ID names unknown Person id 'NOPE'."
        },
        {
            "duplicate id in the import",
            d => d.Append("persons.csv", $"{d.Id("P3")},Noah,Again,2017-01-20,male,,Person"),
            $"persons.csv, line 8: duplicate Person id 'BP3'"
        },
        {
            "id the store already has",
            d => d.Append("households.csv", "H1,Clash,,,Household"),
            "households.csv, line 5: A household with id 'H1' already exists."
        },
        {
            "bad date",
            d => d.Replace("persons.csv", "2010-09-09", "2010-13-01"),
            "persons.csv, line 7: dateOfBirth '2010-13-01' is not a date (YYYY-MM-DD)."
        },
        {
            "date in another format",
            d => d.Replace("member_of.csv", "2017-01-20", "20/01/2017"),
            "member_of.csv, line 4: since '20/01/2017' is not a date (YYYY-MM-DD)."
        },
        {
            "until before since",
            d => d.Replace("works_for.csv", "2021-02-01,,WORKS_FOR", "2021-02-01,2020-01-01,WORKS_FOR"),
            "works_for.csv, line 4: until 2020-01-01 is not after since 2021-02-01."
        },
        {
            "until equal to since",
            d => d.Replace("member_of.csv", "2010-09-09,,", "2010-09-09,2010-09-09,"),
            "member_of.csv, line 7: until 2010-09-09 is not after since 2010-09-09."
        },
        {
            "unknown family kind",
            d => d.Replace("family.csv", "grandparent", "cousin"),
            "family.csv, line 7: kind 'cousin' is not one of parent, sibling, partner, grandparent, carer, other."
        },
        {
            "unknown contact kind",
            d => d.Replace("contacts.csv", "phone", "telegram"),
            "contacts.csv, line 4: kind 'telegram' is not one of visit, phone, meeting, message, other."
        },
        {
            "unknown gender",
            d => d.Replace("persons.csv", "1956-05-05,female", "1956-05-05,f"),
            "persons.csv, line 6: gender 'f' is not one of female, male, other (or empty)."
        },
        {
            "unknown role",
            d => d.Replace("professionals.csv", "Practitioner;Coordinator", "Practitioner;Boss"),
            "professionals.csv, line 2: roles 'Practitioner;Boss': 'Boss' is not one of"
        },
        {
            "bad NHS number",
            d => d.Replace("persons.csv", "9434765919", "9434765910"),
            "persons.csv, line 2: nhsNumber '9434765910' is not a valid NHS number"
        },
        {
            "bad boolean",
            d => d.Replace("agencies.csv", "substance-misuse,,true", "substance-misuse,,yes"),
            "agencies.csv, line 4: sensitive 'yes' is not a boolean: write true or false."
        },
        {
            "date-time without an offset",
            d => d.Replace("contacts.csv", "2026-04-15T09:30:00Z", "2026-04-15T09:30:00"),
            "contacts.csv, line 4: at '2026-04-15T09:30:00' is not a date and time (ISO-8601 with an offset or Z"
        },
        {
            "unknown column type",
            d => d.Replace("households.csv", "postcode,:LABEL", "postcode,foo:bar,:LABEL").Replace("households.csv", "NV1 2AB,", "NV1 2AB,x,"),
            "households.csv, line 1: column 'foo:bar' has unknown type 'bar'"
        },
        {
            "column of a type not expected",
            d => d.Replace("persons.csv", "nhsNumber,:LABEL", "nhsNumber,age:int,:LABEL"),
            "persons.csv, line 1: unknown column 'age:int' in a Person file"
        },
        {
            "known column with the wrong type",
            d => d.Replace("persons.csv", "dateOfBirth:date", "dateOfBirth"),
            "persons.csv, line 1: column 'dateOfBirth' has the wrong type: write it 'dateOfBirth:date'."
        },
        {
            "missing column",
            d => d.Replace("member_of.csv", "since:date,", ""),
            "member_of.csv, line 1: missing column 'since:date': a MEMBER_OF file needs it."
        },
        {
            "people without their family names",
            d => d.DropColumn("persons.csv", "familyName"),
            "persons.csv, line 1: missing column 'familyName': a Person file needs it. A Person file has the columns id:ID(Person),givenName,familyName,dateOfBirth:date,gender,:LABEL and may also have nhsNumber."
        },
        {
            "people without their genders",
            d => d.DropColumn("persons.csv", "gender"),
            "persons.csv, line 1: missing column 'gender': a Person file needs it."
        },
        {
            "agencies without saying which are sensitive",
            d => d.DropColumn("agencies.csv", "sensitive:boolean"),
            "agencies.csv, line 1: missing column 'sensitive:boolean': an Agency file needs it."
        },
        {
            "misspelt column",
            d => d.Replace("persons.csv", "familyName", "familyNmae"),
            "persons.csv, line 1: unknown column 'familyNmae' in a Person file. Did you mean 'familyName'? A Person file has the columns"
        },
        {
            "column given twice",
            d => d.Replace("works_for.csv", "until:date,:TYPE", "since:date,:TYPE"),
            "works_for.csv, line 1: column 'since:date' appears twice (columns 4 and 5): give each column once. A WORKS_FOR file has the columns"
        },
        {
            "name with a right-to-left override",
            d => d.Replace("persons.csv", "Noah", "Omar\u202Etxt.exe"),
            "persons.csv, line 4: givenName contains a right-to-left override (U+202E), which can disguise text; remove it."
        },
        {
            "role with a zero width space",
            d => d.Replace("involved_with.csv", "School nurse", "School\u200B nurse"),
            "involved_with.csv, line 3: role contains a zero width space (U+200B), an invisible character that can hide text; remove it."
        },
        {
            "wrong :LABEL",
            d => d.Replace("persons.csv", "Chloe,Turner,1989-02-02,female,,Person", "Chloe,Turner,1989-02-02,female,,Household"),
            "persons.csv, line 3: :LABEL 'Household' does not fit the columns of this file, which hold Person nodes."
        },
        {
            "wrong :TYPE",
            d => d.Replace("member_of.csv", "2017-01-20,,MEMBER_OF", "2017-01-20,,FAMILY"),
            "member_of.csv, line 4: :TYPE 'FAMILY' does not fit the columns of this file, which hold MEMBER_OF."
        },
        {
            "wrong number of fields",
            d => d.Replace("agencies.csv", "NHS Northvale,health,,false", "NHS Northvale,health,false"),
            "agencies.csv, line 3: the row has 5 fields but the header has 6."
        },
        {
            "what the validator refuses",
            d => d.Replace("professionals.csv", $"priya{d.Prefix}@nhs.example", "priya at nhs"),
            "professionals.csv, line 3: email 'priya at nhs' is not an email address."
        },
        {
            "a family tie to oneself",
            d => d.Append("family.csv", $"{d.Id("P6")},{d.Id("P6")},other,2011-01-01,,FAMILY"),
            "family.csv, line 8: A family tie must join two different people"
        },
    };

    [Theory]
    [MemberData(nameof(BadImports))]
    public async Task Import_bad_row_names_file_and_line_and_changes_nothing(string problem, Func<District, District> spoil, string message)
    {
        await cli.OkAsync("import", new District().WriteTo(cli.Folder("base")));
        var before = await cli.SnapshotAsync();
        var folder = spoil(new District("B")).WriteTo(cli.Folder("bad"));

        var result = await cli.RunAsync("import", folder);

        Assert.True(result.ExitCode == 1, $"{problem}: {result}");
        Assert.Contains(message, result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
        Assert.Single(result.Error.Trim().Split('\n'));
        Assert.Equal(before, await cli.SnapshotAsync());
    }

    [Fact]
    public async Task Import_without_optional_columns_loads_the_rest()
    {
        var folder = new District()
            .DropColumn("persons.csv", "nhsNumber")
            .DropColumn("works_for.csv", "team")
            .DropColumn("works_for.csv", "until:date")
            .WriteTo(cli.Folder("lean"));

        var output = await cli.OkAsync("import", folder);

        Assert.Contains("Imported 15 nodes and 22 relationships and contacts (37 rows)", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_unknown_person_id_names_file_and_line_and_changes_nothing()
    {
        await cli.OkAsync("import", new District().WriteTo(cli.Folder("base")));
        var before = await cli.SnapshotAsync();
        var folder = new District("B").Append("contacts.csv", "BPR1,P404,2026-05-01T10:00:00Z,visit,false,CONTACT").WriteTo(cli.Folder("bad"));

        var result = await cli.RunAsync("import", folder);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("patchwork: contacts.csv, line 5: :END_ID names unknown Person id 'P404'.", result.Error.Trim());
        Assert.Equal(before, await cli.SnapshotAsync());
    }

    [Fact]
    public async Task Import_may_name_nodes_an_earlier_import_loaded()
    {
        await cli.OkAsync("import", new District().WriteTo(cli.Folder("base")));
        var folder = cli.Folder("more");
        File.WriteAllText(Path.Combine(folder, "ties.csv"), ":START_ID(Person),:END_ID(Person),kind,since:date,until:date,:TYPE\nP5,P3,grandparent,2017-01-20,,FAMILY\n");

        await cli.OkAsync("import", folder);

        var network = JsonNode.Parse(await cli.OkAsync("query", "network", "P3", "--as-of", "2026-06-01", "--json"))!;
        Assert.Contains(network["edges"]!.AsArray(), e => (string)e!["from"]! == "P5" && (string)e["to"]! == "P3" && (string)e["kind"]! == "grandparent");
    }

    [Fact]
    public async Task Import_accepts_files_that_start_with_a_byte_order_mark()
    {
        var folder = new District().WriteTo(cli.Folder("bom"), byteOrderMarks: true);
        Assert.Equal(0xEF, File.ReadAllBytes(Path.Combine(folder, "persons.csv"))[0]);

        await cli.OkAsync("import", folder);

        var stats = JsonNode.Parse(await cli.OkAsync("stats", "--json"))!;
        Assert.Equal(6, (int)stats["nodes"]!["Person"]!);
        Assert.Equal(3, (int)stats["nodes"]!["Household"]!);
    }

    [Fact]
    public async Task Import_of_an_empty_folder_fails_with_a_clear_message()
    {
        var result = await cli.RunAsync("import", cli.Folder("empty"));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("holds no .csv files: nothing to import.", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_of_a_folder_that_does_not_exist_fails_with_a_clear_message()
    {
        var result = await cli.RunAsync("import", Path.Combine(cli.Root, "nowhere"));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("There is no folder", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_with_shift_to_today_moves_every_date_by_the_days_since_the_reference_date()
    {
        using var later = new CliHarness(new DateOnly(2026, 6, 11));
        var folder = new District().WriteTo(later.Folder("district"));

        var output = await later.OkAsync("import", folder, "--shift-to-today");

        Assert.Contains("Dates moved by 10 days.", output, StringComparison.Ordinal);
        var network = JsonNode.Parse(await later.OkAsync("query", "network", "P1", "--depth", "2", "--json"))!;
        Assert.Equal("2026-06-11", (string)network["asOf"]!);
        Assert.Equal("2014-03-24", (string)network["nodes"]![0]!["dateOfBirth"]!);
        var liamsOldHome = network["edges"]!.AsArray().Single(e => (string)e!["type"]! == "MEMBER_OF" && (string)e["from"]! == "P4" && (string)e["to"]! == "H2");
        Assert.Equal("2024-09-11", (string)liamsOldHome!["since"]!);
        var team = JsonNode.Parse(await later.OkAsync("query", "team", "P1", "--json"))!.AsArray();
        var sam = team.Single(m => (string)m!["professionalId"]! == "PR1")!;
        Assert.Equal("2026-05-30T13:00:00Z", (string)sam["lastContact"]!);
        Assert.Equal("2026-06-20T13:00:00Z", (string)sam["nextVisit"]!);
    }

    [Fact]
    public async Task Import_with_shift_days_moves_dates_by_that_many_days()
    {
        var folder = new District().WriteTo(cli.Folder("district"));

        await cli.OkAsync("import", folder, "--shift-days", "-1");

        var hits = JsonNode.Parse(await cli.OkAsync("query", "search", "2014-03-13", "--json"))!.AsArray();
        Assert.Equal("P1", (string)Assert.Single(hits)!["id"]!);
    }

    [Fact]
    public async Task Import_with_both_shift_options_is_a_usage_error()
    {
        var folder = new District().WriteTo(cli.Folder("district"));

        var result = await cli.RunAsync("import", folder, "--shift-to-today", "--shift-days", "3");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("give --shift-to-today or --shift-days, not both.", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_with_shift_to_today_without_a_reference_date_fails_and_changes_nothing()
    {
        var folder = new District().WriteTo(cli.Folder("district"));
        File.Delete(Path.Combine(folder, "reference-date.txt"));

        var result = await cli.RunAsync("import", folder, "--shift-to-today");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("has no reference-date.txt", result.Error, StringComparison.Ordinal);
        Assert.Contains("\"Person\": 0", await cli.OkAsync("stats", "--json"), StringComparison.Ordinal);
    }
}
