using Microsoft.Extensions.DependencyInjection;
using Patchwork.Graph.Access;
using Patchwork.Graph.Changes;
using Patchwork.Graph.Model;
using Patchwork.Graph.Tests.Contract;

namespace Patchwork.Graph.Tests.Access;

/// <summary>
/// A child protection status goes to screens through the same access rules and redaction as the network: whoever
/// may open the network sees it, nobody else learns of it, a sensitive agency is never named to an outsider, and a
/// shared screen hides the agency's numbers until the presenter reveals them. Set and ended through ChangeService.
/// </summary>
public sealed class StatusAccessTests
{
    private static readonly DateOnly Today = Governed.Today;
    private static readonly DateOnly PlanSince = new(2026, 3, 3);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>
    /// MeetingAudienceTests' family (Cara on a plan held by children's services, which has an out-of-hours number;
    /// her mother Mia looked after as a child, held by the sensitive recovery service, which no real council would
    /// do but shows what the rule does).
    /// </summary>
    private static District Family() => MeetingAudienceTests.Family()
        .Agency("csc2", "Children's Services", "children-social-care", "01632 961000", outOfHoursPhone: "01632 961999")
        .WorksFor("sw", "csc2")
        .Status("csc2", "c1", CareStatus.ChildProtectionPlan, since: PlanSince)
        .Status("rec", "m1", CareStatus.ChildInNeed, since: PlanSince);

    [Fact]
    public async Task The_team_sees_the_status_with_the_agency_s_day_and_out_of_hours_numbers()
    {
        await using var governed = await Governed.CreateAsync(Family());

        var picture = await governed.Networks.OpenAsync(Governed.Practitioner("sw"), "c1", Today, 1, Ct);

        var status = Assert.Single(picture.StatusesOf("c1"));
        Assert.Equal(CareStatus.ChildProtectionPlan, status.Status.Status);
        Assert.Equal(PlanSince, status.Status.Period.Since);
        Assert.Equal("Children's Services", status.Agency.Name);
        Assert.Equal("01632 961000", status.Agency.Phone);
        Assert.Equal("01632 961999", status.Agency.OutOfHoursPhone);
    }

    [Fact]
    public async Task Stepping_out_to_a_connected_household_brings_its_children_s_statuses_redacted_as_in_the_first_circle()
    {
        // Cara's grandmother Gina shares her home with Kit, on a plan held by children's services and known to the
        // sensitive recovery service as a child in need: two steps out from Cara.
        await using var governed = await Governed.CreateAsync(Family()
            .Person("gran", "Gina", "Cole").Person("kit", "Kit", "Cole").Household("gh", "Cole household")
            .Family("gran", "c1", FamilyKind.Grandparent).LivesIn("gran", "gh").LivesIn("kit", "gh")
            .Status("csc2", "kit", CareStatus.ChildProtectionPlan, since: PlanSince)
            .Status("rec", "kit", CareStatus.ChildInNeed, since: PlanSince));
        var household = new NodeRef(NodeKind.Household, "gh");

        var picture = await governed.Networks.OpenAsync(Governed.Practitioner("sw"), "c1", Today, 1, Ct);
        var step = await governed.Networks.StepAsync(Governed.Practitioner("sw"), "c1", household, Today, Audience.Viewer, Ct);

        Assert.Empty(picture.StatusesOf("kit"));
        Assert.Contains(step.Network.Nodes, n => n.Ref == new NodeRef(NodeKind.Person, "kit"));
        var plan = Assert.Single(step.Statuses, s => s.PersonId == "kit" && s.Status.Status == CareStatus.ChildProtectionPlan);
        Assert.Equal("Children's Services", plan.Agency.Name);
        var hidden = Assert.Single(step.Statuses, s => s.PersonId == "kit" && s.Status.Status == CareStatus.ChildInNeed);
        Assert.True(hidden.Redacted);
        Assert.Equal(Redactor.SensitiveContact, hidden.Agency.Name);
        Assert.DoesNotContain(step.Statuses, s => s.Agency.Id == "rec" || s.Status.AgencyId == "rec");
    }

    [Fact]
    public async Task A_viewer_who_may_not_open_the_network_learns_nothing_of_the_status()
    {
        await using var governed = await Governed.CreateAsync(Family());

        // Olly works for children's services too but is on no one's team.
        await Assert.ThrowsAsync<AccessDeniedException>(() => governed.Networks.OpenAsync(Governed.Practitioner("out"), "c1", Today, 1, Ct));
        await Assert.ThrowsAsync<AccessDeniedException>(() => governed.Networks.OpenAsync(Governed.Practitioner("out"), "c1", Today, 1, Audience.Meeting, Ct));
    }

    [Fact]
    public async Task A_status_held_by_a_sensitive_agency_shows_but_the_agency_reads_contact_via_coordinator()
    {
        await using var governed = await Governed.CreateAsync(Family());

        var outside = await governed.Networks.OpenAsync(Governed.Practitioner("sw"), "c1", Today, 1, Ct);
        var inside = await governed.Networks.OpenAsync(Governed.Coordinator("co"), "c1", Today, 1, Ct);

        var hidden = Assert.Single(outside.StatusesOf("m1"));
        Assert.Equal(CareStatus.ChildInNeed, hidden.Status.Status);
        Assert.True(hidden.Redacted);
        Assert.Equal(Redactor.SensitiveContact, hidden.Agency.Name);
        Assert.Null(hidden.Agency.Phone);
        Assert.DoesNotContain("rec", hidden.Status.AgencyId, StringComparison.Ordinal);
        var named = Assert.Single(inside.StatusesOf("m1"));
        Assert.Equal("Recovery Service", named.Agency.Name);
    }

    [Fact]
    public async Task A_meeting_shows_the_status_without_the_numbers_until_the_presenter_reveals_them()
    {
        await using var governed = await Governed.CreateAsync(Family());
        var presenter = Governed.Practitioner("sw");

        var hidden = Assert.Single((await governed.Networks.OpenAsync(presenter, "c1", Today, 1, Audience.Meeting, Ct)).StatusesOf("c1"));
        var shown = Assert.Single((await governed.Networks.OpenAsync(presenter, "c1", Today, 1, Audience.MeetingWithContacts, Ct)).StatusesOf("c1"));

        Assert.Equal(CareStatus.ChildProtectionPlan, hidden.Status.Status);
        Assert.Equal("Children's Services", hidden.Agency.Name);
        Assert.Null(hidden.Agency.Phone);
        Assert.Null(hidden.Agency.OutOfHoursPhone);
        Assert.Equal("01632 961999", shown.Agency.OutOfHoursPhone);
        // Even a coordinator presenting is outside the sensitive agency in the room.
        var room = Assert.Single((await governed.Networks.OpenAsync(Governed.Coordinator("co"), "c1", Today, 1, Audience.MeetingWithContacts, Ct)).StatusesOf("m1"));
        Assert.True(room.Redacted);
    }

    [Fact]
    public async Task A_status_as_at_a_date_before_it_began_is_not_shown()
    {
        await using var governed = await Governed.CreateAsync(Family());

        var before = await governed.Networks.OpenAsync(Governed.Practitioner("sw"), "c1", PlanSince.AddDays(-1), 1, Ct);
        var first = await governed.Networks.OpenAsync(Governed.Practitioner("sw"), "c1", PlanSince, 1, Ct);

        Assert.Empty(before.StatusesOf("c1"));
        Assert.Single(first.StatusesOf("c1"));
    }

    [Fact]
    public async Task The_agency_responsible_sets_and_ends_a_status_through_ChangeService_audited()
    {
        await using var governed = await Governed.CreateAsync(Family());
        var changes = governed.Services.GetRequiredService<ChangeService>();
        var sam = Governed.Practitioner("sw");

        await changes.SetStatusAsync(sam, "c1", null, new NewStatus(CareStatus.LookedAfter, "csc", Today), Ct);
        Assert.Contains(await governed.Store.GetStatusesAsync(["c1"], Today, Ct), s => s.Status.Status == CareStatus.LookedAfter && s.Agency.Id == "csc");

        await changes.EndStatusAsync(sam, "c1", null, CareStatus.ChildProtectionPlan, Today, Ct);
        Assert.Equal([CareStatus.LookedAfter], (await governed.Store.GetStatusesAsync(["c1"], Today, Ct)).Select(s => s.Status.Status));

        var audit = await governed.Audit.ForPersonAsync("c1", cancellationToken: Ct);
        Assert.Contains(audit, r => r.Entry.Details == "recorded looked after from 2026-06-01 for Children's Services" && r.Entry.Actor == "sw");
        Assert.Contains(audit, r => r.Entry.Details == "ended child protection plan on 2026-06-01");
    }

    [Fact]
    public async Task Setting_a_status_for_an_agency_the_viewer_does_not_work_for_is_refused_at_the_agency_field_and_changes_nothing()
    {
        await using var governed = await Governed.CreateAsync(Family().Involved("po", "m1", "Police liaison"));
        var changes = governed.Services.GetRequiredService<ChangeService>();

        var refused = await Assert.ThrowsAsync<FieldRuleException>(() => changes.SetStatusAsync(Governed.Practitioner("po"), "c1", null, new NewStatus(CareStatus.LookedAfter, "csc", Today), Ct));

        Assert.Equal(StatusFields.Agency, refused.Field);
        Assert.Contains("Children's Services", refused.Message, StringComparison.Ordinal);
        Assert.Single(await governed.Store.GetStatusesAsync(["c1"], Today, Ct));
    }

    [Fact]
    public async Task A_status_starting_earlier_that_would_run_into_a_later_one_of_the_same_kind_from_the_same_agency_is_refused_and_changes_nothing()
    {
        await using var governed = await Governed.CreateAsync(Family());
        var changes = governed.Services.GetRequiredService<ChangeService>();
        var sam = Governed.Practitioner("sw");
        var earlier = PlanSince.AddMonths(-2);

        var open = await Assert.ThrowsAsync<FieldRuleException>(() => changes.SetStatusAsync(sam, "c1", null, new NewStatus(CareStatus.ChildProtectionPlan, "csc2", earlier), Ct));
        var intoIt = await Assert.ThrowsAsync<FieldRuleException>(() => changes.SetStatusAsync(sam, "c1", null, new NewStatus(CareStatus.ChildProtectionPlan, "csc2", earlier, PlanSince.AddDays(1)), Ct));

        Assert.Equal(StatusFields.Until, open.Field);
        Assert.Contains("Children's Services already records child protection plan from 3 Mar 2026", open.Message, StringComparison.Ordinal);
        Assert.Contains("overlap", open.Message, StringComparison.Ordinal);
        Assert.Equal(StatusFields.Until, intoIt.Field);
        Assert.Equal(0, (await governed.Store.GetRevisionAsync("c1", Ct)).Number);
        Assert.Equal([PlanSince], (await governed.Store.GetStatusHistoryAsync("c1", Ct)).Select(s => s.Status.Period.Since));

        // Ending the day the later one starts does not overlap it, and another kind is another status.
        await changes.SetStatusAsync(sam, "c1", null, new NewStatus(CareStatus.ChildProtectionPlan, "csc2", earlier, PlanSince), Ct);
        await changes.SetStatusAsync(sam, "c1", null, new NewStatus(CareStatus.ChildInNeed, "csc2", earlier.AddDays(-7)), Ct);
        Assert.Equal(
            [(earlier.AddDays(-7), CareStatus.ChildInNeed), (earlier, CareStatus.ChildProtectionPlan), (PlanSince, CareStatus.ChildProtectionPlan)],
            (await governed.Store.GetStatusHistoryAsync("c1", Ct)).Select(s => (s.Status.Period.Since, s.Status.Status)));
    }

    [Fact]
    public async Task Mistyped_statuses_are_refused_at_their_field_saying_what_is_wrong_and_change_nothing()
    {
        await using var governed = await Governed.CreateAsync(Family());
        var changes = governed.Services.GetRequiredService<ChangeService>();
        var sam = Governed.Practitioner("sw");

        var again = await Assert.ThrowsAsync<FieldRuleException>(() => changes.SetStatusAsync(sam, "c1", null, new NewStatus(CareStatus.ChildProtectionPlan, "csc2", Today), Ct));
        var backwards = await Assert.ThrowsAsync<FieldRuleException>(() => changes.SetStatusAsync(sam, "c1", null, new NewStatus(CareStatus.LookedAfter, "csc2", Today, Today.AddDays(-1)), Ct));
        var nowhere = await Assert.ThrowsAsync<FieldRuleException>(() => changes.SetStatusAsync(sam, "c1", null, new NewStatus(CareStatus.LookedAfter, "<b>csc</b>", Today), Ct));
        var notOpen = await Assert.ThrowsAsync<FieldRuleException>(() => changes.EndStatusAsync(sam, "c1", null, CareStatus.LookedAfter, Today, Ct));
        var tooEarly = await Assert.ThrowsAsync<FieldRuleException>(() => changes.EndStatusAsync(sam, "c1", null, CareStatus.ChildProtectionPlan, PlanSince, Ct));
        await Assert.ThrowsAsync<StaleWriteException>(() => changes.SetStatusAsync(sam, "c1", 41, new NewStatus(CareStatus.LookedAfter, "csc2", Today), Ct));
        await Assert.ThrowsAsync<AccessDeniedException>(() => changes.SetStatusAsync(Governed.Practitioner("out"), "c1", null, new NewStatus(CareStatus.LookedAfter, "csc", Today), Ct));

        Assert.Equal(StatusFields.Status, again.Field);
        Assert.Contains("already recorded from 3 Mar 2026", again.Message, StringComparison.Ordinal);
        Assert.Equal(StatusFields.Until, backwards.Field);
        Assert.Equal(StatusFields.Agency, nowhere.Field);
        Assert.Equal(StatusFields.Status, notOpen.Field);
        Assert.Equal(StatusFields.Until, tooEarly.Field);
        Assert.Equal(["c1 ChildProtectionPlan"], (await governed.Store.GetStatusesAsync(["c1"], Today, Ct)).Select(s => $"{s.PersonId} {s.Status.Status}"));
        Assert.Equal(0, (await governed.Store.GetRevisionAsync("c1", Ct)).Number);
    }
}
