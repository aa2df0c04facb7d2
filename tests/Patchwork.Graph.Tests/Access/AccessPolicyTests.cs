using Patchwork.Graph.Access;
using Patchwork.Graph.Audit;
using Patchwork.Graph.Model;
using Patchwork.Graph.Tests.Contract;

namespace Patchwork.Graph.Tests.Access;

public sealed class AccessPolicyTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly DateOnly Today = Governed.Today;

    /// <summary>
    /// A child (c1) with a social worker (sw) from children's services, a school nurse (sn) from health, a
    /// substance-misuse worker (sm) from a sensitive agency on the mother (m1), a police officer (po) whose
    /// involvement is sensitive, a colleague of the police officer (po2), and a coordinator (co).
    /// </summary>
    private static District Family() => new District()
        .Agency("csc", "Children's Services", "children-social-care", "01632 960100")
        .Agency("nhs", "Community Health", "health")
        .Agency("pol", "Police", "police")
        .Agency("rec", "Recovery Service", "substance-misuse", "01632 960999", sensitive: true)
        .Professional("sw", "Sam", "Social", "Social Worker", "01632 960001", "sam@example.org")
        .Professional("sn", "Nia", "Nurse", "School Nurse", "01632 960002", "nia@example.org")
        .Professional("sm", "Rae", "Recovery", "Recovery Worker", "01632 960003", "rae@example.org")
        .Professional("po", "Pat", "Police", "DA Officer", "01632 960004", "pat@example.org")
        .Professional("po2", "Pip", "Police", "PCSO", "01632 960005", "pip@example.org")
        .Professional("co", "Cora", "Coordinator", "Early Help Coordinator")
        .Professional("out", "Olly", "Outsider", "Youth Worker")
        .WorksFor("sw", "csc").WorksFor("sn", "nhs").WorksFor("sm", "rec").WorksFor("po", "pol").WorksFor("po2", "pol").WorksFor("co", "csc").WorksFor("out", "csc")
        .Household("h1", "Home", "1 Elm Road", "NV1 1AA")
        .Household("h2", "Gran's", "2 Oak Road", "NV1 2BB")
        .Person("c1", "Cara", "Child", new DateOnly(2015, 1, 1), Gender.Female)
        .Person("m1", "Mia", "Mother", new DateOnly(1990, 1, 1), Gender.Female)
        .Person("g1", "Gwen", "Gran", new DateOnly(1950, 1, 1), Gender.Female)
        .LivesIn("c1", "h1").LivesIn("m1", "h1").LivesIn("g1", "h2")
        .Family("m1", "c1").Family("g1", "m1")
        .Involved("sw", "c1", "Social worker", lead: true)
        .Involved("sn", "c1", "School nurse", until: Today.AddDays(1))
        .Involved("sm", "m1", "Recovery worker")
        .Involved("po", "c1", "Domestic abuse officer", sensitive: true)
        .Involved("sn", "g1", "District nursing", until: Today)
        .Involved("out", "g1", "Befriending");

    [Fact]
    public async Task NetworkAccess_practitioner_on_the_team_today_may_open_it()
    {
        await using var governed = await Governed.CreateAsync(Family());
        var access = await governed.Access.NetworkAccessAsync(Governed.Practitioner("sw"), "c1", Ct);
        Assert.Equal(AccessBasis.Team, access.Basis);
    }

    [Fact]
    public async Task NetworkAccess_involvement_ending_tomorrow_still_counts_today()
    {
        await using var governed = await Governed.CreateAsync(Family());
        var access = await governed.Access.NetworkAccessAsync(Governed.Practitioner("sn"), "c1", Ct);
        Assert.Equal(AccessBasis.Team, access.Basis);
    }

    [Fact]
    public async Task NetworkAccess_involvement_ending_today_no_longer_counts()
    {
        await using var governed = await Governed.CreateAsync(Family());
        var access = await governed.Access.NetworkAccessAsync(Governed.Practitioner("sn"), "g1", Ct);
        Assert.Equal(AccessBasis.None, access.Basis);
        Assert.False(access.Allowed);
    }

    [Fact]
    public async Task NetworkAccess_coordinator_may_open_any_network()
    {
        await using var governed = await Governed.CreateAsync(Family());
        var access = await governed.Access.NetworkAccessAsync(Governed.Coordinator("co"), "g1", Ct);
        Assert.Equal(AccessBasis.Coordinator, access.Basis);
    }

    [Fact]
    public async Task OpenNetwork_outsider_is_refused_and_the_refusal_is_audited()
    {
        await using var governed = await Governed.CreateAsync(Family());
        await Assert.ThrowsAsync<AccessDeniedException>(() => governed.Networks.OpenAsync(Governed.Practitioner("out"), "c1", Today, 1, Ct));
        var records = await governed.Audit.ForPersonAsync("c1", cancellationToken: Ct);
        Assert.Contains(records, r => r.Entry.Action == AuditActions.Refused && r.Entry.Actor == "out");
    }

    [Theory]
    [InlineData("")]
    [InlineData("need it")]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    [InlineData("a          b          c d")]
    [InlineData("a\t\t\t\t\t\t\t\tb\n\n\n\n\n\n\n\nc            d")]
    [InlineData("- - - - - - - - - - - - - -")]
    [InlineData("need\u00A0\u00A0\u00A0\u00A0\u00A0\u00A0\u00A0\u00A0\u00A0it now ok")]
    public async Task BreakGlass_without_a_real_sentence_is_refused_and_grants_nothing(string reason)
    {
        await using var governed = await Governed.CreateAsync(Family());
        var viewer = Governed.Practitioner("out");
        var refused = await Assert.ThrowsAsync<GraphRuleException>(() => governed.Networks.BreakGlassAsync(viewer, "c1", reason, Ct));
        Assert.Equal(
            $"Say in a sentence why you need to see this network: at least {AccessPolicy.MinimumReasonLength} characters and four words, not counting extra spaces.",
            refused.Message);
        Assert.False((await governed.Access.NetworkAccessAsync(viewer, "c1", Ct)).Allowed);
    }

    [Theory]
    [InlineData("Welfare check tonight: police asked us.")]
    [InlineData("Duty   social worker,   safeguarding strategy meeting at 9am.")]
    [InlineData("Appel du 119 : enfant en danger signalé ce soir.")]
    public void ProblemWithReason_accepts_a_real_reason_however_it_is_spaced(string reason) =>
        Assert.Null(AccessPolicy.ProblemWithReason(reason));

    [Fact]
    public void ProblemWithReason_counts_runs_of_whitespace_once()
    {
        Assert.Equal(7, AccessPolicy.CountedLength("a          b          c d"));
        Assert.Equal(16, AccessPolicy.CountedLength("  need   to\n\n check  it "));
        Assert.NotNull(AccessPolicy.ProblemWithReason("  need   to\n\n check  it "));
        Assert.Null(AccessPolicy.ProblemWithReason("  need   to\n\n check  it now "));
    }

    [Fact]
    public async Task BreakGlass_reason_with_a_direction_override_is_refused_and_grants_nothing()
    {
        await using var governed = await Governed.CreateAsync(Family());
        var viewer = Governed.Practitioner("out");

        var refused = await Assert.ThrowsAsync<GraphRuleException>(() => governed.Networks.BreakGlassAsync(viewer, "c1", "Welfare check tonight\u202E: police asked us.", Ct));

        Assert.Equal("Contains a right-to-left override (U+202E), which can disguise text; remove it.", refused.Message);
        Assert.False((await governed.Access.NetworkAccessAsync(viewer, "c1", Ct)).Allowed);
    }

    [Fact]
    public async Task BreakGlass_opens_that_one_network_until_it_expires_and_is_recorded()
    {
        await using var governed = await Governed.CreateAsync(Family());
        var viewer = Governed.Practitioner("out");
        const string Reason = "Called out of hours to a welfare concern at the family home.";
        var grant = await governed.Networks.BreakGlassAsync(viewer, "c1", Reason, Ct);

        Assert.Equal(AccessBasis.BreakGlass, (await governed.Access.NetworkAccessAsync(viewer, "c1", Ct)).Basis);
        Assert.False((await governed.Access.NetworkAccessAsync(viewer, "m1", Ct)).Allowed);
        var recorded = await governed.Audit.ForPersonAsync("c1", cancellationToken: Ct);
        Assert.Contains(recorded, r => r.Entry.Action == AuditActions.BreakGlass && r.Entry.Reason == Reason);

        governed.Clock.Now = grant.ExpiresAt;
        Assert.False((await governed.Access.NetworkAccessAsync(viewer, "c1", Ct)).Allowed);
    }

    [Fact]
    public async Task OpenNetwork_sensitive_involvement_is_hidden_from_another_agency()
    {
        await using var governed = await Governed.CreateAsync(Family());
        var picture = await governed.Networks.OpenAsync(Governed.Practitioner("sw"), "c1", Today, 1, Ct);

        var names = picture.Network.Nodes.Select(n => n.Node.DisplayName).ToList();
        Assert.DoesNotContain("Pat Police", names);
        Assert.DoesNotContain("Rae Recovery", names);
        Assert.DoesNotContain("Recovery Service", names);
        Assert.Equal(2, picture.Network.Nodes.Count(n => n.Redacted));
        Assert.All(picture.Network.Nodes.Where(n => n.Redacted).Select(n => (Professional)n.Node), p =>
        {
            Assert.Equal(Redactor.SensitiveName, p.DisplayName);
            Assert.Null(p.Phone);
            Assert.Null(p.Email);
        });
        var sensitiveTeam = Assert.Single(picture.Team, t => t.Involvement.Sensitive);
        Assert.Equal(Redactor.SensitiveName, sensitiveTeam.Professional.DisplayName);
        Assert.Null(sensitiveTeam.Agency);
        Assert.DoesNotContain(picture.Team, t => t.Professional.Id == "po");
    }

    [Fact]
    public async Task OpenNetwork_sensitive_involvement_is_seen_by_an_agency_colleague()
    {
        await using var governed = await Governed.CreateAsync(Family().Involved("po2", "c1", "PCSO"));
        var picture = await governed.Networks.OpenAsync(Governed.Practitioner("po2"), "c1", Today, 1, Ct);
        Assert.Contains(picture.Network.Nodes, n => n.Node.DisplayName == "Pat Police");
        Assert.Contains(picture.Team, t => t.Professional.Id == "po" && t.Involvement.Role == "Domestic abuse officer");
    }

    [Fact]
    public async Task OpenNetwork_coordinator_sees_sensitive_services_by_name()
    {
        await using var governed = await Governed.CreateAsync(Family());
        var picture = await governed.Networks.OpenAsync(Governed.Coordinator("co"), "c1", Today, 1, Ct);
        Assert.Contains(picture.Network.Nodes, n => n.Node.DisplayName == "Pat Police");
        Assert.Contains(picture.Network.Nodes, n => n.Node.DisplayName == "Recovery Service");
        Assert.DoesNotContain(picture.Network.Nodes, n => n.Redacted);
    }

    [Fact]
    public async Task Expand_shows_a_connected_persons_professionals_without_their_contact_details()
    {
        await using var governed = await Governed.CreateAsync(Family());
        var viewer = Governed.Practitioner("sw");
        var gran = await governed.Networks.ExpandAsync(viewer, "c1", new NodeRef(NodeKind.Person, "g1"), Today, Ct);

        var befriender = (Professional)Assert.Single(gran.Nodes, n => n.Ref.Id == "out").Node;
        Assert.Null(befriender.Phone);
        Assert.Null(befriender.Email);
        var household = (Household)Assert.Single(gran.Nodes, n => n.Ref.Id == "h2").Node;
        Assert.Null(household.Address);
        var records = await governed.Audit.ForPersonAsync("g1", cancellationToken: Ct);
        Assert.Contains(records, r => r.Entry.Action == AuditActions.StepOut && r.Entry.Actor == "sw");
    }

    [Fact]
    public async Task OpenNetwork_team_members_contact_details_reach_the_team()
    {
        await using var governed = await Governed.CreateAsync(Family());
        var picture = await governed.Networks.OpenAsync(Governed.Practitioner("sn"), "c1", Today, 1, Ct);
        var social = (Professional)Assert.Single(picture.Network.Nodes, n => n.Ref.Id == "sw").Node;
        Assert.Equal("01632 960001", social.Phone);
        var home = (Household)Assert.Single(picture.Network.Nodes, n => n.Ref.Id == "h1").Node;
        Assert.Equal("1 Elm Road", home.Address);
    }

    [Fact]
    public async Task Search_names_households_without_their_addresses_except_to_a_coordinator()
    {
        await using var governed = await Governed.CreateAsync(Family());
        var practitioner = await governed.Networks.SearchAsync(Governed.Practitioner("sw"), "Gran", Ct);
        Assert.Null(Assert.Single(practitioner, h => h.Ref.Kind == NodeKind.Household).Detail);
        var coordinator = await governed.Networks.SearchAsync(Governed.Coordinator("co"), "Gran", Ct);
        Assert.Contains("2 Oak Road", Assert.Single(coordinator, h => h.Ref.Kind == NodeKind.Household).Detail, StringComparison.Ordinal);
    }
}
