using Microsoft.Extensions.DependencyInjection;
using Patchwork.Graph.Changes;
using Patchwork.Graph.Model;
using Patchwork.Graph.Tests.Access;

namespace Patchwork.Graph.Tests.Changes;

/// <summary>A contact recorded through ChangeService says whether the child was seen, and seen alone, and the audit trail says so too.</summary>
public sealed class ContactSeenTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly DateTimeOffset Morning = new(Governed.Today.ToDateTime(new TimeOnly(9, 0)), TimeSpan.Zero);

    [Fact]
    public async Task A_visit_where_the_child_was_seen_alone_is_kept_shown_as_the_last_contact_and_audited()
    {
        await using var governed = await Governed.CreateAsync(MeetingAudienceTests.Family());
        var changes = governed.Services.GetRequiredService<ChangeService>();

        await changes.RecordContactAsync(Governed.Practitioner("sw"), "c1", Morning, ContactKind.Visit, false, true, true, Ct);

        var last = Assert.Single(await governed.Store.GetTeamAsync("c1", Governed.Today, Ct), m => m.Professional.Id == "sw").LastContact!;
        Assert.Equal((true, true), (last.Seen, last.SeenAlone));
        var audit = await governed.Audit.ForPersonAsync("c1", cancellationToken: Ct);
        Assert.Contains(audit, r => r.Entry.Details == "recorded a visit on 2026-06-01 09:00, child seen, seen alone");
    }

    [Fact]
    public async Task Seen_alone_without_seen_and_a_planned_visit_marked_seen_are_refused_at_their_field_and_nothing_is_written()
    {
        await using var governed = await Governed.CreateAsync(MeetingAudienceTests.Family());
        var changes = governed.Services.GetRequiredService<ChangeService>();
        var sam = Governed.Practitioner("sw");

        var alone = await Assert.ThrowsAsync<FieldRuleException>(() => changes.RecordContactAsync(sam, "c1", Morning, ContactKind.Visit, false, false, true, Ct));
        var notYet = await Assert.ThrowsAsync<FieldRuleException>(() => changes.RecordContactAsync(sam, "c1", Morning.AddDays(2), ContactKind.Visit, true, true, null, Ct));

        Assert.Equal(ContactFields.SeenAlone, alone.Field);
        Assert.Equal(ContactFields.Seen, notYet.Field);
        var sw = Assert.Single(await governed.Store.GetTeamAsync("c1", Governed.Today, Ct), m => m.Professional.Id == "sw");
        Assert.Null(sw.LastContact);
        Assert.Null(sw.NextVisit);
    }
}
