using System.Text;
using Patchwork.Graph.Import;
using Patchwork.Graph.Model;

namespace Patchwork.Graph.Tests.Import;

public sealed class BulkFormatReaderTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("patchwork-bulk-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private void Write(string name, string text, bool byteOrderMark = false) =>
        File.WriteAllText(Path.Combine(folder, name), text, new UTF8Encoding(byteOrderMark));

    /// <summary>The required columns of a Person file, for tests about something else.</summary>
    private const string People = "id:ID(Person),givenName,familyName,dateOfBirth:date,gender,:LABEL";

    private ImportException Fails() => Assert.Throws<ImportException>(() => new BulkFormatReader(folder).ToList());

    [Fact]
    public void Reader_yields_node_files_before_relationship_files_whatever_their_names()
    {
        Write("a-ties.csv", ":START_ID(Person),:END_ID(Household),since:date,:TYPE\np1,h1,2020-01-01,MEMBER_OF\n");
        Write("b-people.csv", $"{People}\np1,Ava,,,,Person\n");
        Write("c-homes.csv", "name,:LABEL,id:ID(Household)\nHome,Household,h1\n");

        var rows = new BulkFormatReader(folder).ToList();

        Assert.Equal(
            [new SourceLine("b-people.csv", 2), new SourceLine("c-homes.csv", 2), new SourceLine("a-ties.csv", 2)],
            rows.Select(r => r.Source));
        Assert.Equal(new Person("p1", "Ava", ""), rows[0].Element);
        Assert.Equal(new Household("h1", "Home"), rows[1].Element);
        Assert.Equal(new Membership("p1", "h1", new Period(new DateOnly(2020, 1, 1))), rows[2].Element);
    }

    [Fact]
    public void Inspect_tells_each_file_kind_from_its_header_alone()
    {
        Write("1.csv", ":START_ID(Professional),:END_ID(Person),at:datetime,kind,planned:boolean,:TYPE\n");
        Write("2.csv", ":START_ID(Professional),:END_ID(Person),role,lead:boolean,sensitive:boolean,since:date,:TYPE\n");
        Write("3.csv", ":START_ID(Person),:END_ID(Person),kind,since:date,:TYPE\n");
        Write("4.csv", ":START_ID(Professional),:END_ID(Agency),since:date,:TYPE\n");
        Write("5.csv", "id:ID(Agency),name,kind,sensitive:boolean,:LABEL\n");
        Write("6.CSV", "id:ID(Professional),givenName,familyName,jobTitle,roles:string[],:LABEL\n");
        Write("notes.txt", "not a csv file");

        var files = new BulkFormatReader(folder).Inspect();

        Assert.Equal(
            [
                ("1.csv", BulkFileKind.Contacts), ("2.csv", BulkFileKind.InvolvedWith), ("3.csv", BulkFileKind.Family),
                ("4.csv", BulkFileKind.WorksFor), ("5.csv", BulkFileKind.Agencies), ("6.CSV", BulkFileKind.Professionals),
            ],
            files);
    }

    [Fact]
    public void Reader_reads_quoted_fields_and_names_the_line_where_a_row_starts()
    {
        Write("households.csv", "id:ID(Household),name,address,:LABEL\nh1,\"Smith, \"\"the elder\"\"\",\"1 High St\",Household\nh2,Home,,Household\nh3,,,Household\n");

        var error = Fails();

        Assert.Equal(new SourceLine("households.csv", 4), error.Source);
        Assert.Equal("households.csv, line 4: name is empty: it is required.", error.Message);
        var first = new BulkFormatReader(folder).First();
        Assert.Equal(new Household("h1", "Smith, \"the elder\"", "1 High St"), first.Element);
    }

    [Fact]
    public void Reader_shifts_dates_datetimes_and_dates_of_birth()
    {
        Write("p.csv", $"{People}\np1,Ava,,2014-03-14,,Person\n");
        Write("c.csv", ":START_ID(Professional),:END_ID(Person),at:datetime,kind,planned:boolean,:TYPE,recordedAt:datetime,recordedBy\nr1,p1,2026-05-31T23:30:00-01:00,visit,TRUE,CONTACT,2026-05-01T08:00:00Z,sam\n");
        Write("m.csv", ":START_ID(Person),:END_ID(Household),since:date,until:date,:TYPE\np1,h1,2020-01-01,2021-02-28,MEMBER_OF\n");

        var rows = new BulkFormatReader(folder, shiftDays: 1).Select(r => r.Element).ToList();

        Assert.Equal(new DateOnly(2014, 3, 15), ((Person)rows[0]).DateOfBirth);
        var contact = (Contact)rows[1];
        Assert.Equal(new DateTimeOffset(2026, 6, 2, 0, 30, 0, TimeSpan.Zero), contact.At);
        Assert.Equal(TimeSpan.Zero, contact.At.Offset);
        Assert.True(contact.Planned);
        Assert.Equal(new Recorded(new DateTimeOffset(2026, 5, 2, 8, 0, 0, TimeSpan.Zero), "sam"), contact.Recorded);
        Assert.Equal(new Period(new DateOnly(2020, 1, 2), new DateOnly(2021, 3, 1)), ((Membership)rows[2]).Period);
    }

    [Fact]
    public void Reader_accepts_a_byte_order_mark_and_ignores_IGNORE_columns()
    {
        Write("p.csv", "id:ID(Person),givenName,familyName,legacy:IGNORE,dateOfBirth:date,gender,:LABEL\np1,Ava,Turner,whatever,,FEMALE,Person\n", byteOrderMark: true);

        var row = Assert.Single(new BulkFormatReader(folder));

        Assert.Equal(new Person("p1", "Ava", "Turner", Gender: Gender.Female), row.Element);
    }

    [Fact]
    public void Reader_reads_professional_roles_separated_by_semicolons()
    {
        Write("p.csv", "id:ID(Professional),givenName,familyName,jobTitle,roles:string[],:LABEL\nr1,Sam,Adeyemi,,practitioner; Coordinator,Professional\nr2,Pat,Lee,,,Professional\n");

        var rows = new BulkFormatReader(folder).Select(r => (Professional)r.Element).ToList();

        Assert.Equal([ProfessionalRole.Practitioner, ProfessionalRole.Coordinator], rows[0].RoleList);
        Assert.Empty(rows[1].RoleList);
    }

    [Theory]
    [InlineData(People + "\np1,Ava,,,,Person,extra\n", "p.csv, line 2: the row has 7 fields but the header has 6.")]
    [InlineData(People + "\np1,Ava,,,,\n", "p.csv, line 2: :LABEL is empty; the columns of this file fit Person.")]
    [InlineData("id:ID(Pet),name,:LABEL\n", "p.csv, line 1: column 'id:ID(Pet)' names unknown ID space 'Pet'; use Person, Household, Professional or Agency.")]
    [InlineData("id:ID,name,:LABEL\n", "p.csv, line 1: column 'id:ID' needs an ID space naming the label, e.g. 'id:ID(Person)'.")]
    [InlineData(":START_ID(Person),:END_ID(Agency),since:date,:TYPE\n", "p.csv, line 1: no relationship joins Person to Agency;")]
    [InlineData("givenName,familyName\n", "p.csv, line 1: cannot tell what this file holds")]
    [InlineData("id:ID(Person),givenname,:LABEL\n", "p.csv, line 1: unknown column 'givenname' in a Person file. Did you mean 'givenName'? Column names are case-sensitive. A Person file has the columns id:ID(Person),givenName,familyName,dateOfBirth:date,gender,:LABEL and may also have nhsNumber.")]
    [InlineData("id:ID(Person),givenName,givenName,:LABEL\n", "p.csv, line 1: column 'givenName' appears twice (columns 2 and 3): give each column once. A Person file has the columns")]
    [InlineData(":START_ID(Person),:END_ID(Household),since:date,:TYPE,recordedBy\n", "p.csv, line 1: give both columns 'recordedAt:datetime' and 'recordedBy', or neither.")]
    [InlineData("", "p.csv, line 1: the file is empty")]
    [InlineData(People + "\np1,\"Ava,,,,Person\n", "p.csv, line 2: the row is not valid CSV")]
    public void Reader_rejects_a_bad_file_naming_file_line_and_problem(string text, string message)
    {
        Write("p.csv", text);

        var error = Fails();

        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Reader_checks_every_header_before_the_first_row()
    {
        Write("a.csv", $"{People}\np1,Ava,,,,Person\n");
        Write("b.csv", "id:ID(Household),colour,:LABEL\n");
        using var rows = new BulkFormatReader(folder).GetEnumerator();

        var error = Assert.Throws<ImportException>(() => rows.MoveNext());

        Assert.Equal(new SourceLine("b.csv", 1), error.Source);
    }

    [Fact]
    public void Reader_of_a_folder_without_csv_files_says_so()
    {
        Write("readme.txt", "nothing here");

        Assert.Contains("holds no .csv files", Fails().Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_ahead_keeps_the_order_and_raises_a_bad_row_after_the_rows_before_it()
    {
        var text = new StringBuilder(People + "\n");
        for (var i = 1; i <= 5000; i++)
        {
            text.Append($"p{i},Name{i},,,,Person\n");
        }

        text.Append("p5001,Bad,,,,Household\n");
        Write("p.csv", text.ToString());
        var seen = new List<string>();

        var error = Assert.Throws<ImportException>(() =>
        {
            foreach (var row in new BulkFormatReader(folder).InBackground())
            {
                seen.Add(((Person)row.Element).Id);
            }
        });

        Assert.Equal(5000, seen.Count);
        Assert.Equal("p1", seen[0]);
        Assert.Equal("p5000", seen[^1]);
        Assert.Equal(new SourceLine("p.csv", 5002), error.Source);
    }

    [Theory]
    [InlineData("2024-02-29", true)]
    [InlineData("2023-02-29", false)]
    [InlineData("2024-2-29", false)]
    [InlineData("29/02/2024", false)]
    [InlineData("2024-02-29T00:00:00Z", false)]
    [InlineData("0000-01-01", false)]
    public void Dates_are_exactly_year_month_day(string text, bool valid)
    {
        Assert.Equal(valid, BulkValues.TryParseDate(Encoding.UTF8.GetBytes(text), out _));
    }

    [Theory]
    [InlineData("2025-01-20T14:30:00Z", "2025-01-20T14:30:00Z")]
    [InlineData("2025-01-20T14:30:00.250Z", "2025-01-20T14:30:00.25Z")]
    [InlineData("2025-01-20T14:30:00+01:00", "2025-01-20T13:30:00Z")]
    [InlineData("2025-01-20T14:30-05:30", "2025-01-20T20:00:00Z")]
    [InlineData("2025-01-20T14:30:00", null)]
    [InlineData("2025-01-20 14:30:00Z", null)]
    [InlineData("2025-01-20", null)]
    [InlineData("yesterday", null)]
    public void Date_times_need_an_offset_and_come_back_in_utc(string text, string? utc)
    {
        var valid = BulkValues.TryParseDateTime(Encoding.UTF8.GetBytes(text), out var instant);

        Assert.Equal(utc is not null, valid);
        if (utc is not null)
        {
            Assert.Equal(utc, BulkValues.DateTime(instant));
        }
    }
}
