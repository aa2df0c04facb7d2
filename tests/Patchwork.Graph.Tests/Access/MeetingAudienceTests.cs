using Patchwork.Graph.Access;
using Patchwork.Graph.Audit;
using Patchwork.Graph.Model;
using Patchwork.Graph.Tests.Contract;

namespace Patchwork.Graph.Tests.Access;

/// <summary>
/// A network shown to a meeting on a shared screen: nothing sensitive whoever presents, no NHS number, and contact
/// details and addresses only once the presenter reveals them, and then no more than the presenter may see.
/// </summary>
public sealed class MeetingAudienceTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly DateOnly Today = Governed.Today;

    /// <summary>
    /// A child (c1) with a lead social worker (sw), a police officer whose involvement is sensitive (po), and a
    /// mother (m1) seen by a worker of a sensitive recovery service (sm); a coordinator (co).
    /// </summary>
    internal static District Family() => new District()
        .Agency("csc", "Children's Services", "children-social-care", "01632 960100")
        .Agency("pol", "Police", "police", "01632 960200")
        .Agency("rec", "Recovery Service", "substance-misuse", "01632 960999", sensitive: true)
        .Professional("sw", "Sam", "Social", "Social Worker", "01632 960001", "sam@example.org")
        .Professional("sm", "Rae", "Recovery", "Recovery Worker", "01632 960003", "rae@example.org")
        .Professional("po", "Pat", "Police", "DA Officer", "01632 960004", "pat@example.org")
        .Professional("co", "Cora", "Coordinator", "Early Help Coordinator", "01632 960009", "cora@example.org")
        .Professional("out", "Olly", "Outsider", "Youth Worker")
        .WorksFor("sw", "csc").WorksFor("sm", "rec").WorksFor("po", "pol").WorksFor("co", "csc").WorksFor("out", "csc")
        .Household("h1", "Home", "1 Elm Road", "NV1 1AA")
        .Person("c1", "Cara", "Child", new DateOnly(2015, 1, 1), Gender.Female, NhsNumber.Parse("9991234578"))
        .Person("m1", "Mia", "Mother", new DateOnly(1990, 1, 1), Gender.Female)
        .LivesIn("c1", "h1").LivesIn("m1", "h1")
        .Family("m1", "c1")
        .Involved("sw", "c1", "Social worker", lead: true)
        .Involved("po", "c1", "Domestic abuse officer", sensitive: true)
        .Involved("sm", "m1", "Recovery worker");

    public static TheoryData<string> Presenters() => ["co", "po", "sm"];

    [Theory]
    [MemberData(nameof(Presenters))]
    public async Task Open_for_a_meeting_hides_sensitive_services_even_from_a_presenter_entitled_to_them(string presenter)
    {
        // The coordinator sees every sensitive service by name, the police officer her own involvement and the
        // recovery worker his: none of them shows it to the room.
        await using var governed = await Governed.CreateAsync(Family().Involved("sm", "c1", "Recovery worker"));
        var viewer = presenter == "co" ? Governed.Coordinator(presenter) : Governed.Practitioner(presenter);

        foreach (var audience in new[] { Audience.Meeting, Audience.MeetingWithContacts })
        {
            var picture = await governed.Networks.OpenAsync(viewer, "c1", Today, 1, audience, Ct);

            var names = picture.Network.Nodes.Select(n => n.Node.DisplayName).ToList();
            Assert.DoesNotContain("Pat Police", names);
            Assert.DoesNotContain("Rae Recovery", names);
            Assert.DoesNotContain("Recovery Service", names);
            Assert.Contains(picture.Network.Nodes, n => n.Redacted);
            Assert.All(picture.Team.Where(t => t.IsSensitive), t => Assert.True(t.Redacted));
            Assert.DoesNotContain(picture.Team, t => t.Professional.Id is "po" or "sm");
        }
    }

    [Fact]
    public async Task Open_for_a_meeting_hides_contact_details_addresses_and_NHS_numbers_until_revealed()
    {
        await using var governed = await Governed.CreateAsync(Family());
        var coordinator = Governed.Coordinator("co");

        var hidden = await governed.Networks.OpenAsync(coordinator, "c1", Today, 1, Audience.Meeting, Ct);

        Assert.All(hidden.Network.Nodes.Select(n => n.Node).OfType<Professional>(), p => Assert.True(p.Phone is null && p.Email is null, p.DisplayName));
        Assert.All(hidden.Network.Nodes.Select(n => n.Node).OfType<Agency>(), a => Assert.Null(a.Phone));
        Assert.All(hidden.Network.Nodes.Select(n => n.Node).OfType<Household>(), h => Assert.True(h.Address is null && h.Postcode is null));
        Assert.All(hidden.Network.Nodes.Select(n => n.Node).OfType<Person>(), p => Assert.Null(p.NhsNumber));
        Assert.All(hidden.Team, t => Assert.True(t.Professional.Phone is null && t.Professional.Email is null && t.Agency?.Phone is null));

        var shown = await governed.Networks.OpenAsync(coordinator, "c1", Today, 1, Audience.MeetingWithContacts, Ct);

        Assert.Equal("01632 960001", Assert.Single(shown.Team, t => t.Professional.Id == "sw").Professional.Phone);
        Assert.Equal("1 Elm Road", ((Household)Assert.Single(shown.Network.Nodes, n => n.Ref.Id == "h1").Node).Address);
        Assert.All(shown.Network.Nodes.Select(n => n.Node).OfType<Person>(), p => Assert.Null(p.NhsNumber));
    }

    [Fact]
    public async Task Revealed_contact_details_are_no_more_than_the_presenter_may_see()
    {
        // The child's uncle has a GP of his own: a practitioner on the child's team has no reason to call her.
        await using var governed = await Governed.CreateAsync(Family()
            .Professional("gp", "Gita", "Practice", "GP", "01632 960777", "gita@example.org").WorksFor("gp", "csc")
            .Person("u1", "Uri", "Uncle").Family("u1", "c1", FamilyKind.Other).Involved("gp", "u1", "GP"));

        var sam = await governed.Networks.OpenAsync(Governed.Practitioner("sw"), "c1", Today, 1, Audience.MeetingWithContacts, Ct);
        var coordinator = await governed.Networks.OpenAsync(Governed.Coordinator("co"), "c1", Today, 1, Audience.MeetingWithContacts, Ct);

        Assert.Null(((Professional)Assert.Single(sam.Network.Nodes, n => n.Ref.Id == "gp").Node).Phone);
        Assert.Equal("01632 960001", ((Professional)Assert.Single(sam.Network.Nodes, n => n.Ref.Id == "sw").Node).Phone);
        Assert.Equal("01632 960777", ((Professional)Assert.Single(coordinator.Network.Nodes, n => n.Ref.Id == "gp").Node).Phone);
    }

    [Fact]
    public async Task A_meeting_view_is_audited_as_one_and_needs_the_usual_access()
    {
        await using var governed = await Governed.CreateAsync(Family());

        await governed.Networks.OpenAsync(Governed.Practitioner("sw"), "c1", Today, 1, Audience.Meeting, Ct);
        await Assert.ThrowsAsync<AccessDeniedException>(() => governed.Networks.OpenAsync(Governed.Practitioner("out"), "c1", Today, 1, Audience.Meeting, Ct));

        var records = await governed.Audit.ForPersonAsync("c1", cancellationToken: Ct);
        var meeting = Assert.Single(records, r => r.Entry.Action == AuditActions.MeetingView);
        Assert.Equal("sw", meeting.Entry.Actor);
        Assert.Equal($"as at {Today:yyyy-MM-dd}, depth 1, Team, meeting view, contact details hidden", meeting.Entry.Details);
        Assert.Contains(records, r => r.Entry.Action == AuditActions.Refused && r.Entry.Actor == "out");
        Assert.DoesNotContain(records, r => r.Entry.Action == AuditActions.MeetingView && r.Entry.Actor == "out");
    }

    [Fact]
    public async Task A_step_out_in_a_meeting_is_redacted_for_the_room_and_says_so_in_the_audit()
    {
        await using var governed = await Governed.CreateAsync(Family());
        var coordinator = Governed.Coordinator("co");

        var mother = await governed.Networks.ExpandAsync(coordinator, "c1", new NodeRef(NodeKind.Person, "m1"), Today, Audience.Meeting, Ct);

        Assert.DoesNotContain(mother.Nodes, n => n.Node.DisplayName is "Rae Recovery" or "Recovery Service");
        Assert.Contains(mother.Nodes, n => n.Redacted);
        var records = await governed.Audit.ForPersonAsync("m1", cancellationToken: Ct);
        Assert.Contains(records, r => r.Entry.Action == AuditActions.StepOut && r.Entry.Details!.EndsWith("meeting view, contact details hidden", StringComparison.Ordinal));
    }
}
