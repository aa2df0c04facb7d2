using Patchwork.Graph.Export;
using Patchwork.Graph.Model;
using Patchwork.Graph.Network;

namespace Patchwork.Graph.Tests.Export;

public sealed class TeamCsvTests
{
    private static readonly Period Open = new(new DateOnly(2025, 1, 1), null);

    [Fact]
    public void Write_neutralises_every_field_a_spreadsheet_would_run()
    {
        var member = new TeamMember(
            new Professional("p1", "=HYPERLINK(\"http://x\",\"click\")", "", "-job", "+44 1632 960001", "@evil.example"),
            new Involvement("p1", "c1", "=1+1", Lead: true, Sensitive: false, Open),
            new Agency("a1", "@SUM(A1:A9)", "health"),
            "\tteam",
            null,
            null);

        var lines = TeamCsv.Write([member]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal("name,role,lead,agency,team,phone,email,last contact (UTC),next visit (UTC),sensitive", lines[0]);
        Assert.Equal("\"'=HYPERLINK(\"\"http://x\"\",\"\"click\"\")\",'=1+1,yes,'@SUM(A1:A9),'\tteam,'+44 1632 960001,'@evil.example,,,no", lines[1]);
    }

    [Fact]
    public void Write_gives_contacts_in_UTC_with_their_kind_and_quotes_commas()
    {
        var member = new TeamMember(
            new Professional("p1", "Sam", "Adeyemi", "Social Worker", "01632 960001", "sam@example.org"),
            new Involvement("p1", "c1", "Social worker, child protection", Lead: false, Sensitive: true, Open),
            new Agency("a1", "Children's Services", "children-social-care"),
            "Child Protection",
            new ContactSummary(new DateTimeOffset(2026, 5, 20, 13, 0, 0, TimeSpan.Zero), ContactKind.Visit),
            new ContactSummary(new DateTimeOffset(2026, 6, 10, 15, 0, 0, TimeSpan.FromHours(1)), ContactKind.Phone));

        var row = TeamCsv.Write([member]).Split("\r\n")[1];

        Assert.Equal("Sam Adeyemi,\"Social worker, child protection\",no,Children's Services,Child Protection,01632 960001,sam@example.org,2026-05-20 13:00 visit,2026-06-10 14:00 phone,yes", row);
    }
}
