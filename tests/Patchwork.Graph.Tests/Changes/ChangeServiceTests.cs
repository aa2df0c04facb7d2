using Microsoft.Extensions.DependencyInjection;
using Patchwork.Graph.Access;
using Patchwork.Graph.Changes;
using Patchwork.Graph.Coordination;
using Patchwork.Graph.Model;
using Patchwork.Graph.Tests.Access;
using Patchwork.Graph.Tests.Contract;

namespace Patchwork.Graph.Tests.Changes;

public sealed class ChangeServiceTests
{
    private static readonly DateOnly Today = Governed.Today;
    private static readonly Viewer Sam = Governed.Practitioner("sw");
    private static readonly Viewer Nia = Governed.Practitioner("sn");
    private static readonly Viewer Pat = Governed.Practitioner("pc");
    private static readonly Viewer Cora = Governed.Coordinator("co");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Ava has a lead social worker (Sam) and a school nurse (Nia); Ben has no lead; Pat (police) is on no team.</summary>
    private static District Turners() => new District()
        .Agency("csc", "Children's Services").Agency("nhs", "Northvale Health", kind: "health").Agency("pol", "Northvale Police", kind: "police")
        .Professional("sw", "Sam", "Adeyemi").Professional("sn", "Nia", "Shah").Professional("pc", "Pat", "Cole").Professional("co", "Cora", "Jones")
        .WorksFor("sw", "csc").WorksFor("sn", "nhs").WorksFor("pc", "pol").WorksFor("co", "csc")
        .Person("ava", "Ava", "Turner").Person("ben", "Ben", "Turner")
        .Household("h1", "Turner household")
        .LivesIn("ava", "h1").LivesIn("ben", "h1")
        .Involved("sw", "ava", lead: true).Involved("sn", "ava", role: "School nurse")
        .Involved("sn", "ben", role: "School nurse");

    private static async Task<(Governed Governed, ChangeService Changes)> OpenAsync()
    {
        var governed = await Governed.CreateAsync(Turners());
        return (governed, governed.Services.GetRequiredService<ChangeService>());
    }

    private static async Task<long> RevisionAsync(Governed governed, string personId) => (await governed.Store.GetRevisionAsync(personId, Ct)).Number;

    [Fact]
    public async Task A_second_lead_is_refused_at_the_lead_field_and_nothing_changes()
    {
        var (governed, changes) = await OpenAsync();
        await using var _ = governed;

        var refused = await Assert.ThrowsAsync<FieldRuleException>(() =>
            changes.AddInvolvementAsync(Sam, "ava", 0, new NewInvolvement("pc", "Police liaison", Lead: true, Sensitive: false, Today), Ct));

        Assert.Equal(nameof(NewInvolvement.Lead), refused.Field);
        Assert.Contains("Sam Adeyemi", refused.Message, StringComparison.Ordinal);
        Assert.Equal(2, (await governed.Store.GetTeamAsync("ava", Today, Ct)).Count);
    }

    [Fact]
    public async Task Handing_over_the_lead_ends_the_old_lead_flag_the_day_the_new_one_starts()
    {
        var (governed, changes) = await OpenAsync();
        await using var _ = governed;
        var from = Today.AddDays(3);

        await changes.HandOverLeadAsync(Sam, "ava", 0, new LeadHandover("sn", from), Ct);

        async Task<string?> LeadOn(DateOnly day) => (await governed.Store.GetTeamAsync("ava", day, Ct)).SingleOrDefault(m => m.IsLead)?.Professional.Id;
        Assert.Equal("sw", await LeadOn(from.AddDays(-1)));
        Assert.Equal("sn", await LeadOn(from));
        foreach (var day in new[] { from.AddDays(-1), from, from.AddDays(1) })
        {
            Assert.Single(await governed.Store.GetTeamAsync("ava", day, Ct), m => m.IsLead);
        }

        var onTheDay = await governed.Store.GetTeamAsync("ava", from, Ct);
        Assert.Equal(["sn", "sw"], onTheDay.Select(m => m.Professional.Id).Order(StringComparer.Ordinal));
        Assert.Equal(from, onTheDay.Single(m => m.Professional.Id == "sw").Involvement.Period.Since);
        Assert.Equal("School nurse", onTheDay.Single(m => m.Professional.Id == "sn").Involvement.Role);
    }

    [Fact]
    public async Task Handing_over_can_take_the_previous_lead_off_the_team()
    {
        var (governed, changes) = await OpenAsync();
        await using var _ = governed;

        await changes.HandOverLeadAsync(Sam, "ava", 0, new LeadHandover("sn", Today, PreviousLeadStays: false), Ct);

        Assert.Equal("sn", Assert.Single(await governed.Store.GetTeamAsync("ava", Today, Ct)).Professional.Id);
    }

    [Fact]
    public async Task A_coordinator_assigns_a_lead_to_a_client_without_one_and_the_no_lead_count_falls()
    {
        var (governed, changes) = await OpenAsync();
        await using var _ = governed;
        var before = await governed.Store.CountClientsWithoutLeadAsync(Today, Ct);

        var refused = await Assert.ThrowsAsync<FieldRuleException>(() => changes.HandOverLeadAsync(Cora, "ben", 0, new LeadHandover("sw", Today), Ct));
        Assert.Equal(nameof(LeadHandover.Role), refused.Field);
        await changes.HandOverLeadAsync(Cora, "ben", 0, new LeadHandover("sw", Today, "Social worker"), Ct);

        Assert.Equal(before - 1, await governed.Store.CountClientsWithoutLeadAsync(Today, Ct));
        Assert.Equal("sw", (await governed.Store.GetTeamAsync("ben", Today, Ct)).Single(m => m.IsLead).Professional.Id);
    }

    [Fact]
    public async Task A_handover_on_the_day_an_involvement_started_is_refused_with_the_earliest_date()
    {
        var (governed, changes) = await OpenAsync();
        await using var _ = governed;

        var refused = await Assert.ThrowsAsync<FieldRuleException>(() => changes.HandOverLeadAsync(Sam, "ava", 0, new LeadHandover("sn", District.Since), Ct));

        Assert.Equal(nameof(LeadHandover.From), refused.Field);
        Assert.Contains(District.Since.AddDays(1).ToString("d MMM yyyy", System.Globalization.CultureInfo.CurrentCulture), refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_second_of_two_editors_who_opened_the_same_revision_is_refused_and_the_first_change_stays()
    {
        var (governed, changes) = await OpenAsync();
        await using var _ = governed;
        var seen = await RevisionAsync(governed, "ava");

        await changes.HandOverLeadAsync(Sam, "ava", seen, new LeadHandover("sn", Today), Ct);
        var refused = await Assert.ThrowsAsync<StaleWriteException>(() =>
            changes.HandOverLeadAsync(Cora, "ava", seen, new LeadHandover("pc", Today, "Police liaison"), Ct));

        Assert.Contains(Sam.Name, refused.Message, StringComparison.Ordinal);
        Assert.Contains("not saved", refused.Message, StringComparison.Ordinal);
        var team = await governed.Store.GetTeamAsync("ava", Today, Ct);
        Assert.Equal("sn", team.Single(m => m.IsLead).Professional.Id);
        Assert.DoesNotContain(team, m => m.Professional.Id == "pc");
    }

    [Fact]
    public async Task A_change_and_its_audit_record_are_written_together()
    {
        var (governed, changes) = await OpenAsync();
        await using var _ = governed;

        var revision = await changes.AddInvolvementAsync(Sam, "ava", 0, new NewInvolvement("pc", "Police liaison", false, false, Today), Ct);

        Assert.Equal(1, revision.Number);
        var record = Assert.Single(await governed.Audit.ForPersonAsync("ava", cancellationToken: Ct), r => r.Entry.Action == "change");
        Assert.Equal("sw", record.Entry.Actor);
        Assert.Contains("Pat Cole", record.Entry.Details, StringComparison.Ordinal);
        Assert.True((await governed.Audit.VerifyAsync(Ct)).IsIntact);
    }

    [Fact]
    public async Task A_change_whose_audit_record_cannot_be_written_writes_nothing_to_the_graph()
    {
        var (governed, changes) = await OpenAsync();
        await using var _ = governed;
        // The audit table refuses every new record, as a full or damaged trail would.
        using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={governed.DatabasePath};Pooling=False"))
        {
            connection.Open();
            using var refuse = connection.CreateCommand();
            refuse.CommandText = "CREATE TRIGGER audit_refuses BEFORE INSERT ON audit BEGIN SELECT RAISE(ABORT, 'the audit trail cannot take more records'); END;";
            refuse.ExecuteNonQuery();
        }

        await Assert.ThrowsAnyAsync<Exception>(() =>
            changes.AddInvolvementAsync(Sam, "ava", 0, new NewInvolvement("pc", "Police liaison", false, false, Today), Ct));

        Assert.Equal(0, await RevisionAsync(governed, "ava"));
        Assert.DoesNotContain(await governed.Store.GetTeamAsync("ava", Today, Ct), m => m.Professional.Id == "pc");
    }

    [Fact]
    public async Task Only_the_team_and_coordinators_may_change_a_network_and_a_refusal_is_audited()
    {
        var (governed, changes) = await OpenAsync();
        await using var _ = governed;

        await Assert.ThrowsAsync<AccessDeniedException>(() =>
            changes.AddInvolvementAsync(Pat, "ava", 0, new NewInvolvement("pc", "Police liaison", false, false, Today), Ct));

        Assert.Equal(0, await RevisionAsync(governed, "ava"));
        var trail = await governed.Audit.ForPersonAsync("ava", cancellationToken: Ct);
        Assert.Contains(trail, r => r.Entry.Action == "refused" && r.Entry.Actor == "pc");
    }

    [Fact]
    public async Task An_accepted_invitation_puts_the_invitee_on_the_team_and_they_may_look_while_it_is_pending()
    {
        var (governed, changes) = await OpenAsync();
        await using var _ = governed;
        Assert.False((await governed.Access.NetworkAccessAsync(Pat, "ava", Ct)).Allowed);

        var invitation = await changes.InviteAsync(Sam, "ava", "pc", "Police liaison", "Can you join Thursday's meeting?", Ct);

        Assert.Equal(AccessBasis.Invited, (await governed.Access.NetworkAccessAsync(Pat, "ava", Ct)).Basis);
        var mine = Assert.Single(await changes.MyInvitationsAsync(Pat, Ct));
        Assert.Equal(("Ava Turner", "Police liaison"), (mine.PersonName, mine.Invitation.Role));
        await Assert.ThrowsAsync<GraphRuleException>(() => changes.RespondAsync(Nia, invitation.Id, accept: true, Ct));

        await changes.RespondAsync(Pat, invitation.Id, accept: true, Ct);

        var joined = (await governed.Store.GetTeamAsync("ava", Today, Ct)).Single(m => m.Professional.Id == "pc");
        Assert.Equal(("Police liaison", Today, false), (joined.Involvement.Role, joined.Involvement.Period.Since, joined.IsLead));
        Assert.Equal(AccessBasis.Team, (await governed.Access.NetworkAccessAsync(Pat, "ava", Ct)).Basis);
        Assert.Empty(await changes.MyInvitationsAsync(Pat, Ct));
        await Assert.ThrowsAsync<GraphRuleException>(() => changes.RespondAsync(Pat, invitation.Id, accept: false, Ct));
        // Joining the team is recorded once, with the change.
        Assert.Single(await governed.Audit.ForPersonAsync("ava", cancellationToken: Ct), r => r.Entry.Actor == "pc" && r.Entry.Details!.StartsWith("accepted the invitation", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_declined_invitation_changes_no_team_and_ends_the_look()
    {
        var (governed, changes) = await OpenAsync();
        await using var _ = governed;
        var invitation = await changes.InviteAsync(Sam, "ava", "pc", "Police liaison", null, Ct);

        await changes.RespondAsync(Pat, invitation.Id, accept: false, Ct);

        Assert.DoesNotContain(await governed.Store.GetTeamAsync("ava", Today, Ct), m => m.Professional.Id == "pc");
        Assert.False((await governed.Access.NetworkAccessAsync(Pat, "ava", Ct)).Allowed);
        var again = await Assert.ThrowsAsync<FieldRuleException>(() => changes.InviteAsync(Sam, "ava", "sn", "School nurse", null, Ct));
        Assert.Contains("already on the team", again.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_new_client_is_added_with_a_new_household_and_the_practitioner_on_their_team()
    {
        var (governed, changes) = await OpenAsync();
        await using var _ = governed;
        var announced = new TaskCompletionSource<NetworkChanged>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var listening = governed.Services.GetRequiredService<INetworkChangeFeed>().Subscribe(c => { announced.TrySetResult(c); return Task.CompletedTask; });

        var id = await changes.AddPersonAsync(Pat, new NewPerson("Leo", "Hart", new DateOnly(2015, 3, 2), Gender.Male, null, new HouseholdChoice(NewName: "Hart household", NewAddress: "4 Mill Lane"), "Police liaison"), Ct);

        var network = await governed.Networks.OpenAsync(Pat, id, Today, 1, Ct);
        Assert.Contains(network.Network.Nodes, n => n.Node is Household { Name: "Hart household" });
        Assert.Equal("pc", Assert.Single(network.Team).Professional.Id);
        Assert.Equal(1, network.Revision.Number);
        Assert.Equal(id, (await announced.Task.WaitAsync(TimeSpan.FromSeconds(5), Ct)).PersonId);
        Assert.Contains(await governed.Audit.ForPersonAsync(id, cancellationToken: Ct), r => r.Entry.Action == "change" && r.Entry.Actor == "pc");
    }

    [Theory]
    [InlineData("", "", "GivenName")]
    [InlineData("Leo", "", "MyRole")]
    public async Task A_new_person_with_a_missing_field_is_refused_at_that_field(string givenName, string role, string field)
    {
        var (governed, changes) = await OpenAsync();
        await using var _ = governed;
        var before = (await governed.Store.GetStatsAsync(Ct)).Nodes["Person"];

        var refused = await Assert.ThrowsAsync<FieldRuleException>(() =>
            changes.AddPersonAsync(Pat, new NewPerson(givenName, "", null, Gender.Unknown, null, HouseholdChoice.None, role), Ct));

        Assert.Equal(field, refused.Field);
        Assert.Equal(before, (await governed.Store.GetStatsAsync(Ct)).Nodes["Person"]);
    }

    [Fact]
    public async Task A_planned_visit_must_be_ahead_and_a_recorded_contact_must_not_be()
    {
        var (governed, changes) = await OpenAsync();
        await using var _ = governed;
        var now = governed.Clock.Now;

        Assert.Equal("At", (await Assert.ThrowsAsync<FieldRuleException>(() => changes.RecordContactAsync(Sam, "ava", now.AddDays(-1), ContactKind.Visit, planned: true, Ct))).Field);
        Assert.Equal("At", (await Assert.ThrowsAsync<FieldRuleException>(() => changes.RecordContactAsync(Sam, "ava", now.AddDays(1), ContactKind.Visit, planned: false, Ct))).Field);

        await changes.RecordContactAsync(Sam, "ava", now.AddDays(2), ContactKind.Visit, planned: true, Ct);
        await changes.RecordContactAsync(Sam, "ava", now.AddHours(-2), ContactKind.Phone, planned: false, Ct);

        var sam = (await governed.Store.GetTeamAsync("ava", Today, Ct)).Single(m => m.Professional.Id == "sw");
        Assert.Equal(now.AddDays(2), sam.NextVisit?.At);
        Assert.Equal(now.AddHours(-2), sam.LastContact?.At);
    }

    [Fact]
    public async Task Concerns_from_two_agencies_within_30_days_mark_the_client_and_the_team_sees_who_raised_them()
    {
        var (governed, changes) = await OpenAsync();
        await using var _ = governed;

        await changes.RaiseConcernAsync(Sam, "ava", "Missed two appointments and school reports bruising.", Ct);
        var one = await changes.TeamActivityAsync(Nia, "ava", Ct);
        Assert.False(one.ConcernFromSeveralAgencies);
        Assert.Equal(("Practitioner sw", "Children's Services"), (one.Concerns[0].RaisedByName, one.Concerns[0].AgencyName));

        var dashboard = governed.Services.GetRequiredService<CoordinatorService>();
        Assert.Empty((await dashboard.OpenAsync(Cora, CoordinatorLists.Concerns, Today, Ct)).Rows);
        await changes.RaiseConcernAsync(Nia, "ava", "Weight has dropped since the last check.", Ct);
        Assert.True((await changes.TeamActivityAsync(Sam, "ava", Ct)).ConcernFromSeveralAgencies);
        var listed = Assert.Single((await dashboard.OpenAsync(Cora, CoordinatorLists.Concerns, Today, Ct)).Rows);
        Assert.Equal(("ava", "Ava Turner", 2, "Children's Services, Northvale Health"), (listed.PersonId, listed.PersonName, (int)listed.Values[0]!, (string)listed.Values[1]!));

        governed.Clock.Now = governed.Clock.Now.AddDays(31);
        Assert.Empty((await changes.TeamActivityAsync(Sam, "ava", Ct)).Concerns);
        Assert.Empty((await dashboard.OpenAsync(Cora, CoordinatorLists.Concerns, Today.AddDays(31), Ct)).Rows);
        await Assert.ThrowsAsync<AccessDeniedException>(() => changes.RaiseConcernAsync(Pat, "ava", "I am not on this team at all.", Ct));
    }

    [Fact]
    public async Task A_family_tie_and_a_move_are_recorded_and_a_membership_is_ended_without_deleting_it()
    {
        var (governed, changes) = await OpenAsync();
        await using var _ = governed;
        var revision = await RevisionAsync(governed, "ava");

        revision = (await changes.AddFamilyTieAsync(Sam, "ava", revision, "ben", FamilyKind.Sibling, relativeIsFrom: true, Today, Ct)).Number;
        revision = (await changes.AddMembershipAsync(Sam, "ava", revision, new HouseholdChoice(NewName: "Gran's flat"), Today, Ct)).Number;
        var membership = new RelationshipKey(RelationshipType.MemberOf, "ava", "h1", District.Since);
        await changes.EndTieAsync(Sam, "ava", revision, membership, Today.AddDays(1), Ct);

        var tomorrow = await governed.Store.OpenNetworkAsync("ava", Today.AddDays(1), 1, cancellationToken: Ct);
        Assert.Contains(tomorrow.Edges, e => e is FamilyTie { FromId: "ben", ToId: "ava", Kind: FamilyKind.Sibling });
        Assert.Contains(tomorrow.Nodes, n => n.Node is Household { Name: "Gran's flat" });
        Assert.DoesNotContain(tomorrow.Edges, e => e.Key == membership);
        Assert.Contains((await governed.Store.OpenNetworkAsync("ava", Today, 1, cancellationToken: Ct)).Edges, e => e.Key == membership);
    }
}
