using Patchwork.Graph.Access;
using Patchwork.Graph.Audit;
using Patchwork.Graph.Model;
using Patchwork.Graph.Network;
using Patchwork.Graph.Tests.Access;

namespace Patchwork.Graph.Tests.Export;

/// <summary>Exports go through the same access and redaction as the screen, and each one is recorded.</summary>
public sealed class NetworkExportTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly DateOnly Today = Governed.Today;

    private static NetworkExportRequest Request(Audience audience = Audience.Viewer, params NodeRef[] steps) =>
        new("c1", Today, 1, steps, audience, "diagram as SVG");

    [Fact]
    public async Task Export_is_recorded_with_everyone_in_it_and_marked_with_who_when_and_the_date_shown()
    {
        await using var governed = await Governed.CreateAsync(MeetingAudienceTests.Family());
        var sam = Governed.Practitioner("sw");

        var export = await governed.Networks.ExportAsync(sam, Request(Audience.Viewer, new NodeRef(NodeKind.Person, "m1")), Ct);

        Assert.Equal(new ExportMarking(sam.Name, governed.Clock.Now, Today, Audience.Viewer), export.Marking);
        Assert.Equal("OFFICIAL-SENSITIVE", ExportMarking.Classification);
        Assert.Equal(new NodeRef(NodeKind.Person, "m1"), Assert.Single(export.Steps).Node);
        var record = Assert.Single(await governed.Audit.RecentAsync(cancellationToken: Ct), r => r.Entry.Action == AuditActions.Export);
        Assert.Equal("sw", record.Entry.Actor);
        Assert.Equal("person:c1", record.Entry.Target);
        Assert.Equal(["c1", "m1"], record.Entry.PersonIds.Order(StringComparer.Ordinal));
        Assert.Equal($"diagram as SVG, as at {Today:yyyy-MM-dd}, depth 1, 1 steps out, own view", record.Entry.Details);
    }

    [Fact]
    public async Task Export_contains_only_what_the_viewer_may_see()
    {
        await using var governed = await Governed.CreateAsync(MeetingAudienceTests.Family());

        var export = await governed.Networks.ExportAsync(Governed.Practitioner("sw"), Request(), Ct);

        Assert.DoesNotContain(export.Picture.Network.Nodes, n => n.Node.DisplayName is "Pat Police" or "Rae Recovery" or "Recovery Service");
        Assert.Contains(export.Picture.Network.Nodes, n => n.Redacted);
    }

    [Fact]
    public async Task Export_from_a_meeting_never_has_hidden_contact_details()
    {
        await using var governed = await Governed.CreateAsync(MeetingAudienceTests.Family());

        var export = await governed.Networks.ExportAsync(Governed.Coordinator("co"), Request(Audience.Meeting, new NodeRef(NodeKind.Person, "m1")), Ct);

        var nodes = export.Picture.Network.Nodes.Concat(export.Steps.SelectMany(s => s.Result.Nodes)).Select(n => n.Node).ToList();
        Assert.All(nodes.OfType<Professional>(), p => Assert.True(p.Phone is null && p.Email is null, p.DisplayName));
        Assert.All(nodes.OfType<Household>(), h => Assert.Null(h.Address));
        Assert.DoesNotContain(nodes, n => n.DisplayName is "Pat Police" or "Rae Recovery");
        Assert.All(export.Picture.Team, t => Assert.Null(t.Professional.Phone));
        var record = Assert.Single(await governed.Audit.RecentAsync(cancellationToken: Ct), r => r.Entry.Action == AuditActions.Export);
        Assert.EndsWith("meeting view, contact details hidden", record.Entry.Details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_is_refused_once_a_break_glass_grant_has_run_out_and_nothing_is_exported()
    {
        await using var governed = await Governed.CreateAsync(MeetingAudienceTests.Family());
        var outsider = Governed.Practitioner("out");
        var grant = await governed.Networks.BreakGlassAsync(outsider, "c1", "Called out of hours to a welfare concern at the family home.", Ct);
        governed.Clock.Now = grant.ExpiresAt;

        await Assert.ThrowsAsync<AccessDeniedException>(() => governed.Networks.ExportAsync(outsider, Request(), Ct));
        await Assert.ThrowsAsync<AccessDeniedException>(() => governed.Networks.ExportTeamCsvAsync(outsider, "c1", Today, Audience.Viewer, Ct));

        var records = await governed.Audit.ForPersonAsync("c1", cancellationToken: Ct);
        Assert.DoesNotContain(records, r => r.Entry.Action == AuditActions.Export);
        Assert.Equal(2, records.Count(r => r.Entry.Action == AuditActions.Refused));
    }

    [Fact]
    public async Task Team_CSV_is_recorded_as_an_export_and_from_a_meeting_has_no_contact_details()
    {
        await using var governed = await Governed.CreateAsync(MeetingAudienceTests.Family());
        var coordinator = Governed.Coordinator("co");

        var own = await governed.Networks.ExportTeamCsvAsync(coordinator, "c1", Today, Audience.Viewer, Ct);
        var meeting = await governed.Networks.ExportTeamCsvAsync(coordinator, "c1", Today, Audience.Meeting, Ct);

        Assert.Contains("Sam Social,Social worker,yes,Children's Services,,01632 960001,sam@example.org", own, StringComparison.Ordinal);
        Assert.Contains("Pat Police,Domestic abuse officer", own, StringComparison.Ordinal);
        Assert.Contains("Sam Social,Social worker,yes,Children's Services,,,,", meeting, StringComparison.Ordinal);
        Assert.DoesNotContain("01632", meeting, StringComparison.Ordinal);
        Assert.DoesNotContain("Pat Police", meeting, StringComparison.Ordinal);
        Assert.Contains(Redactor.SensitiveName, meeting, StringComparison.Ordinal);
        var exports = (await governed.Audit.ForPersonAsync("c1", cancellationToken: Ct)).Where(r => r.Entry.Action == AuditActions.Export).Select(r => r.Entry.Details).ToList();
        Assert.Contains($"team as CSV, as at {Today:yyyy-MM-dd}, 2 professionals, own view", exports);
        Assert.Contains($"team as CSV, as at {Today:yyyy-MM-dd}, 2 professionals, meeting view, contact details hidden", exports);
    }
}
