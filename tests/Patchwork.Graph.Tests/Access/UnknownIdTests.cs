using Patchwork.Graph.Access;
using Patchwork.Graph.Audit;
using Patchwork.Graph.Model;
using Patchwork.Graph.Tests.Contract;

namespace Patchwork.Graph.Tests.Access;

/// <summary>
/// An id that names nobody reads to a practitioner exactly as a network they may not open, and both are recorded
/// as refused: otherwise trying ids one by one would tell anyone who is on record.
/// </summary>
public sealed class UnknownIdTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly DateOnly Today = Governed.Today;

    private const string Reason = "Neighbour called about a child left alone, checking who is involved.";

    /// <summary>A child (c1) on a social worker's (sw) caseload, an outsider (out) and a coordinator (co).</summary>
    private static District Family() => new District()
        .Agency("csc", "Children's Services", "children-social-care")
        .Professional("sw", "Sam", "Social", "Social Worker")
        .Professional("out", "Olly", "Outsider", "Youth Worker")
        .Professional("co", "Cora", "Coordinator", "Early Help Coordinator")
        .WorksFor("sw", "csc").WorksFor("out", "csc").WorksFor("co", "csc")
        .Household("h1", "Home", "1 Elm Road", "NV1 1AA")
        .Person("c1", "Cara", "Child", new DateOnly(2015, 1, 1), Gender.Female)
        .LivesIn("c1", "h1")
        .Involved("sw", "c1", "Social worker", lead: true);

    [Fact]
    public async Task NetworkAccess_to_an_id_that_names_nobody_is_the_same_refusal_as_to_a_network_not_open()
    {
        await using var governed = await Governed.CreateAsync(Family());
        var outsider = Governed.Practitioner("out");

        var unknown = await governed.Access.NetworkAccessAsync(outsider, "nobody", Ct);
        var forbidden = await governed.Access.NetworkAccessAsync(outsider, "c1", Ct);

        Assert.Equal(forbidden, unknown);
        Assert.Equal(AccessBasis.None, unknown.Basis);
    }

    [Fact]
    public async Task OpenNetwork_of_an_unknown_id_throws_the_same_refusal_as_of_a_forbidden_one_and_both_are_audited_as_refused()
    {
        await using var governed = await Governed.CreateAsync(Family());
        var outsider = Governed.Practitioner("out");

        var unknown = await Assert.ThrowsAsync<AccessDeniedException>(() => governed.Networks.OpenAsync(outsider, "nobody", Today, 1, Ct));
        var forbidden = await Assert.ThrowsAsync<AccessDeniedException>(() => governed.Networks.OpenAsync(outsider, "c1", Today, 1, Ct));

        Assert.Equal(forbidden.Message, unknown.Message);
        Assert.Contains(await governed.Audit.ForPersonAsync("nobody", cancellationToken: Ct), r => r.Entry.Action == AuditActions.Refused && r.Entry.Actor == "out" && r.Entry.Target == "person:nobody");
        Assert.Contains(await governed.Audit.ForPersonAsync("c1", cancellationToken: Ct), r => r.Entry.Action == AuditActions.Refused && r.Entry.Actor == "out" && r.Entry.Target == "person:c1");
    }

    [Fact]
    public async Task ExportTeamCsv_of_an_unknown_id_is_refused_as_a_forbidden_one_is_and_audited()
    {
        await using var governed = await Governed.CreateAsync(Family());
        var outsider = Governed.Practitioner("out");

        var unknown = await Assert.ThrowsAsync<AccessDeniedException>(() => governed.Networks.ExportTeamCsvAsync(outsider, "nobody", Today, Audience.Viewer, Ct));
        var forbidden = await Assert.ThrowsAsync<AccessDeniedException>(() => governed.Networks.ExportTeamCsvAsync(outsider, "c1", Today, Audience.Viewer, Ct));

        Assert.Equal(forbidden.Message, unknown.Message);
        Assert.Contains(await governed.Audit.ForPersonAsync("nobody", cancellationToken: Ct), r => r.Entry.Action == AuditActions.Refused);
    }

    [Fact]
    public async Task A_coordinator_who_may_open_any_network_is_told_plainly_that_an_id_names_nobody()
    {
        await using var governed = await Governed.CreateAsync(Family());

        await Assert.ThrowsAsync<NodeNotFoundException>(() => governed.Networks.OpenAsync(Governed.Coordinator("co"), "nobody", Today, 1, Ct));
    }

    [Fact]
    public async Task BreakGlass_for_an_id_that_names_nobody_records_the_reason_and_says_there_is_no_such_person()
    {
        await using var governed = await Governed.CreateAsync(Family());
        var outsider = Governed.Practitioner("out");

        var thrown = await Assert.ThrowsAsync<NodeNotFoundException>(() => governed.Networks.BreakGlassAsync(outsider, "nobody", Reason, Ct));

        Assert.Contains("There is no person with the id 'nobody'", thrown.Message, StringComparison.Ordinal);
        Assert.Contains(await governed.Audit.ForPersonAsync("nobody", cancellationToken: Ct), r => r.Entry.Action == AuditActions.BreakGlass && r.Entry.Reason == Reason && r.Entry.Actor == "out");
        Assert.False((await governed.Access.NetworkAccessAsync(outsider, "nobody", Ct)).Allowed);
    }

    [Fact]
    public async Task BreakGlass_without_a_real_reason_for_an_id_that_names_nobody_is_refused_as_for_anyone_and_records_nothing()
    {
        await using var governed = await Governed.CreateAsync(Family());
        var outsider = Governed.Practitioner("out");

        var unknown = await Assert.ThrowsAsync<GraphRuleException>(() => governed.Networks.BreakGlassAsync(outsider, "nobody", "need it", Ct));
        var forbidden = await Assert.ThrowsAsync<GraphRuleException>(() => governed.Networks.BreakGlassAsync(outsider, "c1", "need it", Ct));

        Assert.Equal(forbidden.Message, unknown.Message);
        Assert.DoesNotContain(await governed.Audit.ForPersonAsync("nobody", cancellationToken: Ct), r => r.Entry.Action == AuditActions.BreakGlass);
    }
}
