using System.Text;
using Patchwork.Graph.Import;
using Patchwork.Graph.Model;

namespace Patchwork.Graph.Tests.Import;

/// <summary>The STATUS file and the agencies' out-of-hours phone in the bulk format: good rows read, bad ones say what and where.</summary>
public sealed class StatusImportTests : IDisposable
{
    private const string Header = ":START_ID(Agency),:END_ID(Person),status,since:date,until:date,:TYPE";

    private readonly string folder = Directory.CreateTempSubdirectory("patchwork-status-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private void Write(string name, string text) => File.WriteAllText(Path.Combine(folder, name), text, new UTF8Encoding(false));

    private List<GraphElement> Read() => [.. new BulkFormatReader(folder).Select(r => r.Element)];

    [Fact]
    public void A_status_row_reads_as_the_agency_s_status_of_the_person_with_its_period()
    {
        Write("status.csv", $"{Header}\na1,p1,child-protection-plan,2026-03-03,,STATUS\na1,p2,looked-after,2025-01-01,2026-01-01,STATUS\n");

        var statuses = Read().Cast<ChildStatus>().ToList();

        Assert.Equal(new ChildStatus("a1", "p1", CareStatus.ChildProtectionPlan, new Period(new DateOnly(2026, 3, 3))), statuses[0]);
        Assert.Equal(new ChildStatus("a1", "p2", CareStatus.LookedAfter, new Period(new DateOnly(2025, 1, 1), new DateOnly(2026, 1, 1))), statuses[1]);
        Assert.Equal(NodeKind.Agency, statuses[0].FromKind);
        Assert.Equal(NodeKind.Person, statuses[0].ToKind);
    }

    [Theory]
    [InlineData("a1,p1,cp-plan,2026-03-03,,STATUS", "status.csv, line 2: status 'cp-plan' is not one of child-protection-plan, unborn-child-protection-plan, looked-after, child-in-need.")]
    [InlineData("a1,p1,Child Protection Plan,2026-03-03,,STATUS", "status.csv, line 2: status 'Child Protection Plan' is not one of")]
    [InlineData("a1,p1,<script>alert(1)</script>,2026-03-03,,STATUS", "status.csv, line 2: status '<script>alert(1)</script>' is not one of")]
    [InlineData("a1,p1,,2026-03-03,,STATUS", "status.csv, line 2: status is empty; write one of child-protection-plan, unborn-child-protection-plan, looked-after, child-in-need.")]
    [InlineData("a1,p1,looked-after,03/03/2026,,STATUS", "status.csv, line 2: since '03/03/2026' is not a date (YYYY-MM-DD).")]
    [InlineData("a1,p1,looked-after,,,STATUS", "status.csv, line 2: since is empty")]
    [InlineData("a1,p1,looked-after,2026-03-03,2026-03-03,STATUS", "status.csv, line 2: until 2026-03-03 is not after since 2026-03-03.")]
    [InlineData("a1,p1,looked-after,2026-03-03,2026-01-01,STATUS", "status.csv, line 2: until 2026-01-01 is not after since 2026-03-03.")]
    [InlineData("a1,p1,looked-after,2026-03-03,,INVOLVED_WITH", "status.csv, line 2: :TYPE 'INVOLVED_WITH' does not")]
    [InlineData("a 1,p1,looked-after,2026-03-03,,STATUS", "status.csv, line 2: :START_ID 'a 1' is not a valid id")]
    public void A_bad_status_row_is_refused_naming_the_file_the_line_and_what_is_wrong(string row, string message)
    {
        Write("status.csv", $"{Header}\n{row}\n");

        var error = Assert.Throws<ImportException>(Read);

        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_status_from_anything_but_an_agency_is_refused_at_the_header()
    {
        Write("status.csv", ":START_ID(Professional),:END_ID(Person),status,since:date,until:date,:TYPE\nx1,p1,looked-after,2026-03-03,,STATUS\n");

        var error = Assert.Throws<ImportException>(Read);

        Assert.StartsWith("status.csv, line 1:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_agency_reads_its_out_of_hours_phone_and_may_leave_the_column_out()
    {
        Write("with.csv", "id:ID(Agency),name,kind,phone,sensitive:boolean,outOfHoursPhone,:LABEL\na1,Northvale Children's Services,children-social-care,01632 961000,false,01632 961999,Agency\n");
        Write("without.csv", "id:ID(Agency),name,kind,sensitive:boolean,:LABEL\na2,Eastvale,children-social-care,false,Agency\n");

        var agencies = Read().Cast<Agency>().OrderBy(a => a.Id, StringComparer.Ordinal).ToList();

        Assert.Equal("01632 961999", agencies[0].OutOfHoursPhone);
        Assert.Null(agencies[1].OutOfHoursPhone);
    }

    [Theory]
    [InlineData("ring the duty desk", "agencies.csv, line 2: outOfHoursPhone 'ring the duty desk' is not a phone number")]
    [InlineData("01632 961999; DROP agency", "agencies.csv, line 2: outOfHoursPhone '01632 961999; DROP agency' is not a phone number")]
    public void A_bad_out_of_hours_phone_is_refused_naming_the_column(string phone, string message)
    {
        Write("agencies.csv", $"id:ID(Agency),name,kind,sensitive:boolean,outOfHoursPhone,:LABEL\na1,Northvale,children-social-care,false,{phone},Agency\n");

        var error = Assert.Throws<ImportException>(Read);

        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_contact_reads_seen_and_seen_alone_empty_meaning_not_applicable()
    {
        Write("contacts.csv", ":START_ID(Professional),:END_ID(Person),at:datetime,kind,planned:boolean,seen:boolean,seenAlone:boolean,:TYPE\nx1,p1,2026-05-20T13:00:00Z,visit,false,true,true,CONTACT\nx1,p2,2026-05-20T14:00:00Z,phone,false,,,CONTACT\n");

        var contacts = Read().Cast<Contact>().ToList();

        Assert.Equal((true, true), (contacts[0].Seen, contacts[0].SeenAlone));
        Assert.Equal((null, null), ((bool?, bool?))(contacts[1].Seen, contacts[1].SeenAlone));
    }

    [Theory]
    [InlineData("yes,", "contacts.csv, line 2: seen 'yes' is not a boolean: write true or false.")]
    [InlineData("true,<b>", "contacts.csv, line 2: seenAlone '<b>' is not a boolean: write true or false.")]
    [InlineData("false,true", "contacts.csv, line 2: seenAlone is true but seen is false: a child seen alone was seen, so seen must be true.")]
    [InlineData(",true", "contacts.csv, line 2: seenAlone is true but seen is empty")]
    public void A_bad_seen_or_seen_alone_is_refused_naming_the_line_and_the_column(string fields, string message)
    {
        Write("contacts.csv", $":START_ID(Professional),:END_ID(Person),at:datetime,kind,planned:boolean,seen:boolean,seenAlone:boolean,:TYPE\nx1,p1,2026-05-20T13:00:00Z,visit,false,{fields},CONTACT\n");

        var error = Assert.Throws<ImportException>(Read);

        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
    }
}
