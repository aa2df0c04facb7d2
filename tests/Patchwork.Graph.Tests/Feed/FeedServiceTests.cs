using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Patchwork.Graph.Access;
using Patchwork.Graph.Audit;
using Patchwork.Graph.Feed;
using Patchwork.Graph.Tests.Access;

namespace Patchwork.Graph.Tests.Feed;

/// <summary>
/// Feed messages naming an NHS number nobody has: held, shown only to coordinators (and then by the redactor's
/// rules), matched through the change rules as the client that sent them, or rejected; nothing written half.
/// The police's system (agency pol) writes for Pat, its domestic abuse officer.
/// </summary>
public sealed class FeedServiceTests
{
    private const string Unknown = "9991234527";
    private static readonly Viewer Police = Viewer.ForClient("police-system", "pol");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static JsonElement Involvement(string sourceId, bool lead = false, bool sensitive = true) => JsonSerializer.SerializeToElement(new
    {
        sourceId, nhsNumber = Unknown, professionalId = "po", role = "Domestic abuse officer", lead, sensitive, since = "2026-05-01",
    });

    private static async Task<(Governed Governed, FeedService Feed, FeedAnswer Held)> HeldAsync(JsonElement message)
    {
        var governed = await Governed.CreateAsync(MeetingAudienceTests.Family());
        var feed = governed.Services.GetRequiredService<FeedService>();
        var held = await feed.ReceiveAsync(Police, "police-system", FeedKind.Involvement, message, Ct);
        return (governed, feed, held);
    }

    [Fact]
    public async Task A_held_message_is_listed_for_coordinators_and_nobody_else_learns_of_it()
    {
        var (governed, feed, held) = await HeldAsync(Involvement("dv-1"));
        await using var _ = governed;

        Assert.Equal(202, held.Status);
        var shown = Assert.Single(await feed.HeldAsync(Governed.Coordinator("co"), Ct));
        Assert.Equal((Unknown, "police-system", "dv-1"), (shown.NhsNumber, shown.ClientId, shown.SourceId));
        // Coordinators are inside every sensitive service (as on the network), so the redactor names Pat to them.
        Assert.Contains("Pat Police", shown.Summary, StringComparison.Ordinal);
        await Assert.ThrowsAsync<AccessDeniedException>(() => feed.HeldAsync(Governed.Practitioner("sw"), Ct));
    }

    [Fact]
    public async Task The_redactor_names_a_sensitive_involvement_only_to_those_inside_it()
    {
        await using var governed = await Governed.CreateAsync(MeetingAudienceTests.Family());

        var outsider = await governed.Access.RedactorAsync(Governed.Practitioner("sw"), Ct);
        var colleague = await governed.Access.RedactorAsync(Police, Ct);
        var coordinator = await governed.Access.RedactorAsync(Governed.Coordinator("co"), Ct);

        Assert.False(await outsider.MayNameInvolvementAsync("po", sensitive: true, Governed.Today, Ct));
        Assert.True(await outsider.MayNameInvolvementAsync("po", sensitive: false, Governed.Today, Ct));
        Assert.False(await outsider.MayNameInvolvementAsync("sm", sensitive: false, Governed.Today, Ct));
        Assert.True(await colleague.MayNameInvolvementAsync("po", sensitive: true, Governed.Today, Ct));
        Assert.True(await coordinator.MayNameInvolvementAsync("sm", sensitive: true, Governed.Today, Ct));
    }

    [Fact]
    public async Task Matching_applies_the_message_as_the_client_and_a_replay_still_gets_the_first_answer()
    {
        var (governed, feed, held) = await HeldAsync(Involvement("dv-2"));
        await using var _ = governed;
        var id = Assert.Single(await feed.HeldAsync(Governed.Coordinator("co"), Ct)).Id;

        var matched = await feed.MatchAsync(Governed.Coordinator("co"), id, "m1", Ct);

        Assert.Equal(201, matched.Status);
        Assert.Contains(await governed.Store.GetTeamAsync("m1", Governed.Today, Ct), m => m.Professional.Id == "po" && m.Involvement.Sensitive);
        Assert.Empty(await feed.HeldAsync(Governed.Coordinator("co"), Ct));
        var trail = await governed.Audit.RecentAsync(cancellationToken: Ct);
        Assert.Contains(trail, r => r.Entry.Action == AuditActions.Change && r.Entry.Actor == "client:police-system" && r.Entry.PersonIds.Contains("m1"));
        Assert.Contains(trail, r => r.Entry.Action == AuditActions.FeedDecision && r.Entry.Actor == "co");
        var revision = await governed.Store.GetRevisionAsync("m1", Ct);
        var replay = await feed.ReceiveAsync(Police, "police-system", FeedKind.Involvement, Involvement("dv-2"), Ct);
        Assert.Equal((held.Status, held.Json), (replay.Status, replay.Json));
        Assert.Equal(revision, await governed.Store.GetRevisionAsync("m1", Ct));
    }

    [Fact]
    public async Task A_match_a_rule_refuses_writes_nothing_and_the_message_stays_held()
    {
        // Pat is on Cara's team already: a second involvement of the same professional is refused.
        var (governed, feed, _) = await HeldAsync(Involvement("dv-3"));
        await using var _ = governed;
        var id = Assert.Single(await feed.HeldAsync(Governed.Coordinator("co"), Ct)).Id;
        var before = await governed.Store.GetRevisionAsync("c1", Ct);

        var refused = await feed.MatchAsync(Governed.Coordinator("co"), id, "c1", Ct);

        Assert.False(refused.Taken);
        Assert.Contains("already on the team", refused.Problem, StringComparison.Ordinal);
        Assert.Equal(before, await governed.Store.GetRevisionAsync("c1", Ct));
        Assert.Single(await feed.HeldAsync(Governed.Coordinator("co"), Ct));
    }

    [Fact]
    public async Task A_rejected_message_leaves_the_list_and_writes_nothing_and_only_a_coordinator_may_reject()
    {
        var (governed, feed, _) = await HeldAsync(Involvement("dv-4"));
        await using var _ = governed;
        var id = Assert.Single(await feed.HeldAsync(Governed.Coordinator("co"), Ct)).Id;

        await Assert.ThrowsAsync<AccessDeniedException>(() => feed.RejectAsync(Governed.Practitioner("sw"), id, Ct));
        await feed.RejectAsync(Governed.Coordinator("co"), id, Ct);

        Assert.Empty(await feed.HeldAsync(Governed.Coordinator("co"), Ct));
        await Assert.ThrowsAsync<Patchwork.Graph.Model.GraphRuleException>(() => feed.MatchAsync(Governed.Coordinator("co"), id, "m1", Ct));
        Assert.DoesNotContain(await governed.Store.GetTeamAsync("m1", Governed.Today, Ct), m => m.Professional.Id == "po");
    }
}
