using Patchwork.Graph.Access;
using Patchwork.Graph.Audit;
using Patchwork.Graph.Changes;
using Patchwork.Graph.Feed;
using Patchwork.Graph.Sessions;

namespace Patchwork.Graph.Tests.Governance;

/// <summary>
/// What every governance store must do, written once and run on each adapter (SQLite in the graph's file, and a
/// real PostgreSQL): the product's questions about audit, break glass, invitations, concerns, sessions, sign-in
/// links, the change log and the data-protection keys, asked through one instance and, where servers share the
/// store, answered the same by another.
/// </summary>
public abstract class GovernanceStoreContractTests
{
    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly DateTimeOffset T0 = new(2026, 6, 1, 10, 0, 0, TimeSpan.Zero);

    protected abstract Task<GovernanceHarness> CreateAsync();

    private static AuditEntry Viewed(string person, string by = "sw") => new(by, $"Worker {by}", AuditActions.ViewNetwork, $"person:{person}", [person]);

    [Fact]
    public async Task Audit_records_chain_in_order_and_verify_finds_the_chain_intact()
    {
        await using var harness = await CreateAsync();
        var store = harness.Open();
        var first = await store.AppendAsync(Viewed("c1"), Ct);
        var second = await store.AppendAsync(new AuditEntry("sw", "Sam", AuditActions.Change, "person:c1", ["c1", "m1"], "because", "added Mum"), Ct);

        Assert.Equal(1, first.Sequence);
        Assert.Equal(AuditRecord.FirstPreviousHash, first.PreviousHash);
        Assert.Equal(2, second.Sequence);
        Assert.Equal(first.Hash, second.PreviousHash);
        Assert.True(second.HashIsValid);
        var verification = await store.VerifyAsync(Ct);
        Assert.True(verification.IsIntact, verification.Problem);
        Assert.Equal(2, verification.RecordsChecked);
    }

    [Fact]
    public async Task Audit_for_a_person_is_newest_first_and_names_only_their_records()
    {
        await using var harness = await CreateAsync();
        var store = harness.Open();
        await store.AppendAsync(Viewed("c1"), Ct);
        await store.AppendAsync(Viewed("c2"), Ct);
        await store.AppendAsync(new AuditEntry("sw", "Sam", AuditActions.Change, "person:c1", ["c1", "m1"], null, "added Mum"), Ct);

        var forC1 = await store.ForPersonAsync("c1", cancellationToken: Ct);
        Assert.Equal([3L, 1L], forC1.Select(r => r.Sequence));
        Assert.Equal("added Mum", forC1[0].Entry.Details);
        Assert.Equal(["c1", "m1"], forC1[0].Entry.PersonIds);
        Assert.Empty(await store.ForPersonAsync("nobody", cancellationToken: Ct));
        Assert.Equal([3L, 2L], (await store.RecentAsync(2, Ct)).Select(r => r.Sequence));
    }

    [Fact]
    public async Task Audit_records_cannot_be_updated_or_deleted_even_from_outside_the_app()
    {
        await using var harness = await CreateAsync();
        await harness.Open().AppendAsync(Viewed("c1"), Ct);

        await Assert.ThrowsAnyAsync<Exception>(() => harness.ExecuteBehindTheAppAsync("UPDATE audit SET actor = 'someone-else'"));
        await Assert.ThrowsAnyAsync<Exception>(() => harness.ExecuteBehindTheAppAsync("DELETE FROM audit"));
        Assert.True((await harness.Open().VerifyAsync(Ct)).IsIntact);
    }

    [Fact]
    public async Task Audit_appends_from_several_servers_at_once_make_one_chain_with_no_fork_or_gap()
    {
        await using var harness = await CreateAsync();
        var servers = Enumerable.Range(0, 4).Select(_ => harness.Open()).ToArray();
        await servers[0].MigrateAsync(Ct);
        const int perServer = 40;
        await Task.WhenAll(servers.SelectMany((server, s) => Enumerable.Range(0, perServer).Select(i =>
            Task.Run(() => server.AppendAsync(Viewed($"c{i % 5}", $"server{s}"), Ct), Ct))));

        var verification = await harness.Open().VerifyAsync(Ct);
        Assert.True(verification.IsIntact, verification.Problem);
        Assert.Equal(servers.Length * perServer, verification.RecordsChecked);
        var all = await servers[1].RecentAsync(1000, Ct);
        Assert.Equal(Enumerable.Range(1, servers.Length * perServer).Reverse().Select(i => (long)i), all.Select(r => r.Sequence));
        Assert.Equal(servers.Length, all.Select(r => r.Entry.Actor).Distinct().Count());
        // Every record's checkpoint reached the one file, each on a line of its own.
        var checkpoints = new AuditCheckpointLog(harness.CheckpointPath, GovernanceHarness.CheckpointKey, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance).Read(Ct);
        Assert.Empty(checkpoints.Problems);
        Assert.Equal(servers.Length * perServer, checkpoints.HashBySequence.Count);
    }

    [Fact]
    public async Task Verify_names_an_earlier_checkpoint_line_that_was_rewritten_though_only_the_newest_signature_is_checked_first()
    {
        await using var harness = await CreateAsync();
        var store = harness.Open();
        for (var i = 0; i < 5; i++)
        {
            await store.AppendAsync(Viewed($"c{i}"), Ct);
        }

        var lines = await File.ReadAllLinesAsync(harness.CheckpointPath, Ct);
        var original = lines[2];
        // Line 3 made to claim record 2's hash, its signature left as it was: a checkpoint nobody with the key wrote.
        var fields = lines[2].Split('\t');
        lines[2] = string.Join('\t', fields[0], lines[1].Split('\t')[1], fields[2], fields[3]);
        await File.WriteAllLinesAsync(harness.CheckpointPath, lines, Ct);

        var verification = await store.VerifyAsync(Ct);
        Assert.False(verification.IsIntact);
        Assert.Contains(verification.Problems, p => p.StartsWith("the checkpoint on line 3 (record 3) has a signature that does not match", StringComparison.Ordinal));

        // The newest line's signature alone, spoilt: found by the first, quick check.
        lines[2] = original;
        var newest = lines[4].Split('\t');
        lines[4] = string.Join('\t', newest[0], newest[1], newest[2], new string('0', 64));
        await File.WriteAllLinesAsync(harness.CheckpointPath, lines, Ct);
        verification = await store.VerifyAsync(Ct);
        Assert.Equal(["the checkpoint on line 5 (record 5) has a signature that does not match: the checkpoint file was edited, or signed with another key"], verification.Problems);

        lines[4] = string.Join('\t', newest);
        await File.WriteAllLinesAsync(harness.CheckpointPath, lines, Ct);
        Assert.True((await store.VerifyAsync(Ct)).IsIntact);
    }

    [Fact]
    public async Task Verify_names_each_person_an_index_row_was_moved_between_though_the_index_is_first_compared_as_a_whole()
    {
        await using var harness = await CreateAsync();
        var store = harness.Open();
        for (var i = 0; i < 6; i++)
        {
            await store.AppendAsync(Viewed($"c{i % 3}"), Ct);
        }

        Assert.True((await store.VerifyAsync(Ct)).IsIntact);
        // Record 2 was about c1; its index row is made to say c2, so the number of rows stays the same. On PostgreSQL
        // the table's owner has to go round its trigger first.
        if (harness is PostgreSqlGovernanceHarness)
        {
            await harness.ExecuteBehindTheAppAsync("ALTER TABLE audit_person DISABLE TRIGGER USER");
        }

        await harness.ExecuteBehindTheAppAsync("UPDATE audit_person SET person_id = 'c2' WHERE person_id = 'c1' AND seq = 2");

        var verification = await store.VerifyAsync(Ct);
        Assert.False(verification.IsIntact);
        Assert.Contains("the index of who looked at c1 lacks 1 record", verification.Problems);
        Assert.Contains("the index of who looked at c2 has 1 record that is not about them", verification.Problems);
        Assert.Equal(2, verification.Problems.Count);
    }

    [Fact]
    public async Task Verify_while_other_servers_append_checks_a_snapshot_and_every_checkpoint_it_read()
    {
        await using var harness = await CreateAsync();
        var writers = Enumerable.Range(0, 3).Select(_ => harness.Open()).ToArray();
        await writers[0].MigrateAsync(Ct);
        for (var i = 0; i < 30; i++)
        {
            await writers[0].AppendAsync(Viewed($"c{i % 4}"), Ct);
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var appending = writers.Select((writer, w) => Task.Run(async () =>
        {
            var appended = 0;
            while (!stop.IsCancellationRequested)
            {
                await writer.AppendAsync(Viewed($"c{appended++ % 4}", $"server{w}"), Ct);
            }

            return appended;
        }, Ct)).ToArray();

        var checks = new List<AuditVerification>();
        for (var i = 0; i < 5; i++)
        {
            checks.Add(await harness.Open().VerifyAsync(Ct));
        }

        await stop.CancelAsync();
        Assert.True((await Task.WhenAll(appending)).Sum() > 0, "nothing was appended while verify ran");
        Assert.All(checks, check => Assert.True(check.IsIntact, check.Problem));
        Assert.True(checks[^1].RecordsChecked >= 30);
        var final = await harness.Open().VerifyAsync(Ct);
        Assert.True(final.IsIntact, final.Problem);
    }

    [Fact]
    public async Task Break_glass_granted_on_one_server_is_active_on_another_until_it_expires_and_is_reviewed_once()
    {
        await using var harness = await CreateAsync();
        var (a, b) = (harness.Open(), harness.Open());
        var grant = await a.GrantAsync("pro1", "Pat One", "c1", "Out of hours, child at A&E", T0, T0.AddHours(4), Ct);

        var seen = await b.ActiveGrantAsync("pro1", "c1", T0.AddHours(1), Ct);
        Assert.NotNull(seen);
        Assert.Equal(grant.Id, seen.Id);
        Assert.Equal("Out of hours, child at A&E", seen.Reason);
        Assert.Null(await b.ActiveGrantAsync("pro1", "c1", T0.AddHours(4), Ct));
        Assert.Null(await b.ActiveGrantAsync("pro2", "c1", T0.AddHours(1), Ct));
        Assert.Null(await b.ActiveGrantAsync("pro1", "c2", T0.AddHours(1), Ct));
        Assert.Equal([grant.Id], (await b.AwaitingReviewAsync(Ct)).Select(g => g.Id));

        Assert.True(await b.ReviewAsync(grant.Id, "ig1", "Justified", T0.AddDays(1), Ct));
        Assert.False(await a.ReviewAsync(grant.Id, "ig2", "Again", T0.AddDays(2), Ct));
        Assert.False(await a.ReviewAsync(grant.Id + 100, "ig2", "None such", T0.AddDays(2), Ct));
        Assert.Empty(await a.AwaitingReviewAsync(Ct));
        var reviewed = Assert.Single(await a.RecentGrantsAsync(10, Ct));
        Assert.Equal(("ig1", "Justified", T0.AddDays(1)), (reviewed.ReviewedBy, reviewed.ReviewNote, reviewed.ReviewedAt!.Value));
    }

    [Fact]
    public async Task An_invitation_sent_on_one_server_is_pending_on_another_and_is_answered_only_once()
    {
        await using var harness = await CreateAsync();
        var (a, b) = (harness.Open(), harness.Open());
        var sent = await a.AddAsync(new Invitation(0, "c1", "pro2", "School nurse", null, "pro1", "Pat One", T0), Ct);

        Assert.True(sent.Id > 0);
        Assert.Equal([sent.Id], (await b.PendingForProfessionalAsync("pro2", Ct)).Select(i => i.Id));
        Assert.Equal([sent.Id], (await b.PendingForPersonAsync("c1", Ct)).Select(i => i.Id));
        Assert.Empty(await b.PendingForProfessionalAsync("pro1", Ct));
        Assert.Null((await b.FindAsync(sent.Id, Ct))!.Message);

        Assert.True(await b.RespondAsync(sent.Id, InvitationStatus.Accepted, T0.AddHours(1), Ct));
        Assert.False(await a.RespondAsync(sent.Id, InvitationStatus.Declined, T0.AddHours(2), Ct));
        var answered = await a.FindAsync(sent.Id, Ct);
        Assert.Equal((InvitationStatus.Accepted, T0.AddHours(1)), (answered!.Status, answered.RespondedAt!.Value));
        Assert.Empty(await a.PendingForPersonAsync("c1", Ct));
        Assert.Null(await a.FindAsync(sent.Id + 100, Ct));
    }

    [Fact]
    public async Task Concerns_are_read_back_by_person_and_by_when_they_were_raised()
    {
        await using var harness = await CreateAsync();
        var store = harness.Open();
        var early = await store.AddAsync(new Concern(0, "c1", "pro1", "Pat One", "a1", "School", T0, "Missed school"), Ct);
        var late = await store.AddAsync(new Concern(0, "c1", "pro2", "Jo Two", null, null, T0.AddDays(3), "Bruise"), Ct);
        await store.AddAsync(new Concern(0, "c2", "pro1", "Pat One", "a1", "School", T0.AddDays(1), "Hungry"), Ct);

        Assert.Equal([late.Id, early.Id], (await harness.Open().ForPersonAsync("c1", T0, Ct)).Select(c => c.Id));
        Assert.Equal([late.Id], (await store.ForPersonAsync("c1", T0.AddDays(1), Ct)).Select(c => c.Id));
        var between = await store.RaisedBetweenAsync(T0, T0.AddDays(3), Ct);
        Assert.Equal(["c1", "c2"], between.Select(c => c.PersonId));
        Assert.Null((await store.ForPersonAsync("c1", T0.AddDays(2), Ct)).Single().AgencyId);
    }

    [Fact]
    public async Task A_session_started_on_one_server_is_found_touched_and_ended_on_another()
    {
        await using var harness = await CreateAsync();
        var (a, b) = (harness.Open(), harness.Open());
        var session = new UserSession("key-1", "pro1", "Pat One", "pat@example.org", T0, T0, T0.AddHours(8));
        await a.StartAsync(session, [1, 2, 3], Ct);
        await a.StartAsync(new UserSession("key-2", "pro1", "Pat One", null, T0.AddMinutes(5), T0.AddMinutes(5), T0.AddHours(8)), [4], Ct);
        await a.StartAsync(new UserSession("key-3", "pro2", "Jo Two", null, T0, T0, T0.AddHours(8)), [5], Ct);

        var found = await b.FindSessionAsync("key-1", Ct);
        Assert.Equal(session, found!.Session);
        Assert.Equal([1, 2, 3], found.Ticket);
        Assert.Null(await b.FindSessionAsync("no-such-key", Ct));

        await b.TouchAsync("key-1", T0.AddMinutes(10), Ct);
        await b.TouchAsync("key-1", T0.AddMinutes(2), Ct);
        Assert.Equal(T0.AddMinutes(10), (await a.FindSessionAsync("key-1", Ct))!.Session.LastSeenAt);
        Assert.True(await b.ReplaceTicketAsync("key-1", [9, 9], T0.AddMinutes(11), Ct));
        Assert.Equal([9, 9], (await a.FindSessionAsync("key-1", Ct))!.Ticket);

        Assert.Equal(["key-2", "key-1", "key-3"], (await a.ActiveAsync(T0.AddHours(1), T0, null, Ct)).Select(s => s.Key));
        Assert.Equal(["key-3"], (await a.ActiveAsync(T0.AddHours(1), T0, "pro2", Ct)).Select(s => s.Key));
        Assert.Equal(["key-1"], (await a.ActiveAsync(T0.AddHours(1), T0.AddMinutes(8), "pro1", Ct)).Select(s => s.Key));

        Assert.True(await b.EndAsync("key-3", T0.AddHours(1), "signed out", Ct));
        Assert.False(await a.EndAsync("key-3", T0.AddHours(2), "again", Ct));
        var ended = await a.FindSessionAsync("key-3", Ct);
        Assert.Equal(("signed out", T0.AddHours(1)), (ended!.Session.EndReason, ended.Session.EndedAt!.Value));
        Assert.Empty(ended.Ticket);
        Assert.False(await a.ReplaceTicketAsync("key-3", [7], T0.AddHours(2), Ct));

        var all = await b.EndAllAsync("pro1", T0.AddHours(2), "ended by an administrator", Ct);
        Assert.Equal(["key-1", "key-2"], all.Select(s => s.Key).Order(StringComparer.Ordinal));
        Assert.Empty(await a.ActiveAsync(T0.AddHours(2), T0, null, Ct));
    }

    [Fact]
    public async Task A_logout_naming_a_provider_session_ends_only_the_sessions_it_started_on_any_server()
    {
        await using var harness = await CreateAsync();
        var (a, b) = (harness.Open(), harness.Open());
        var fromLaptop = new UserSession("key-1", "pro1", "Pat One", null, T0, T0, T0.AddHours(8), Sid: "sid-laptop");
        await a.StartAsync(fromLaptop, [1], Ct);
        await a.StartAsync(new UserSession("key-2", "pro1", "Pat One", null, T0, T0, T0.AddHours(8), Sid: "sid-laptop"), [2], Ct);
        await a.StartAsync(new UserSession("key-3", "pro1", "Pat One", null, T0, T0, T0.AddHours(8), Sid: "sid-phone"), [3], Ct);
        await a.StartAsync(new UserSession("key-4", "pro1", "Pat One", null, T0, T0, T0.AddHours(8)), [4], Ct);
        Assert.Equal(fromLaptop, (await b.FindSessionAsync("key-1", Ct))!.Session);

        var ended = await b.EndBySidAsync("sid-laptop", T0.AddHours(1), "signed out at the identity provider", Ct);

        Assert.Equal(["key-1", "key-2"], ended.Select(s => s.Key).Order(StringComparer.Ordinal));
        Assert.Equal(["key-3", "key-4"], (await a.ActiveAsync(T0.AddHours(1), T0, null, Ct)).Select(s => s.Key).Order(StringComparer.Ordinal));
        Assert.Empty((await a.FindSessionAsync("key-1", Ct))!.Ticket);
        Assert.Empty(await a.EndBySidAsync("sid-laptop", T0.AddHours(2), "again", Ct));
        Assert.Empty(await a.EndBySidAsync("no-such-sid", T0.AddHours(2), "none", Ct));
    }

    [Fact]
    public async Task An_identity_link_is_made_once_per_account_and_per_professional_at_an_issuer()
    {
        await using var harness = await CreateAsync();
        var (a, b) = (harness.Open(), harness.Open());
        Assert.True(await a.LinkAsync(new IdentityLink("https://idp", "sub-1", "pro1", "pat@example.org", T0), Ct));
        Assert.False(await b.LinkAsync(new IdentityLink("https://idp", "sub-1", "pro2", "jo@example.org", T0), Ct));
        Assert.False(await b.LinkAsync(new IdentityLink("https://idp", "sub-2", "pro1", "pat@example.org", T0), Ct));
        Assert.True(await b.LinkAsync(new IdentityLink("https://other", "sub-9", "pro1", "pat@example.org", T0.AddDays(1)), Ct));

        Assert.Equal("pro1", (await b.FindAsync("https://idp", "sub-1", Ct))!.ProfessionalId);
        Assert.Null(await b.FindAsync("https://idp", "sub-2", Ct));
        Assert.Equal(["https://idp", "https://other"], (await a.ForProfessionalAsync("pro1", Ct)).Select(l => l.Issuer));
        Assert.Equal(1, await a.UnlinkAsync("pro1", "https://other", Ct));
        Assert.Equal(1, await a.UnlinkAsync("pro1", null, Ct));
        Assert.Equal(0, await a.UnlinkAsync("pro1", null, Ct));
    }

    [Fact]
    public async Task The_change_log_numbers_changes_in_order_and_another_server_reads_them_after_the_last_it_saw()
    {
        await using var harness = await CreateAsync();
        var (a, b) = (harness.Open(), harness.Open());
        Assert.Equal(0, await b.LastChangeAsync(Ct));
        await a.AppendChangesAsync([new NetworkChanged("c1", new NetworkRevision(1, "Pat One", T0)), new NetworkChanged("c2", new NetworkRevision(4))], Ct);
        var seen = await b.LastChangeAsync(Ct);
        await a.AppendChangesAsync([new NetworkChanged("c1", new NetworkRevision(2, "Jo Two", T0.AddMinutes(1)))], Ct);

        var all = await b.ChangesAfterAsync(0, cancellationToken: Ct);
        Assert.Equal(["c1", "c2", "c1"], all.Select(e => e.PersonId));
        Assert.True(all[0].Sequence < all[1].Sequence && all[1].Sequence < all[2].Sequence);
        Assert.Equal(new NetworkRevision(1, "Pat One", T0), all[0].Revision);
        Assert.Equal(new NetworkRevision(4), all[1].Revision);
        var after = Assert.Single(await b.ChangesAfterAsync(seen, cancellationToken: Ct));
        Assert.Equal(new NetworkRevision(2, "Jo Two", T0.AddMinutes(1)), after.Revision);
        Assert.Equal(after.Sequence, await a.LastChangeAsync(Ct));
        Assert.Equal(2, (await b.ChangesAfterAsync(0, 2, Ct)).Count);
    }

    [Fact]
    public async Task A_change_record_and_its_change_log_lines_are_written_together_or_not_at_all()
    {
        await using var harness = await CreateAsync();
        var (a, b) = (harness.Open(), harness.Open());
        var change = new AuditEntry("sw", "Sam", AuditActions.Change, "person:c1", ["c1", "m1"], null, "added Mum");
        var record = await a.AppendWithChangesAsync(change, [new NetworkChanged("c1", new NetworkRevision(3, "Sam", T0)), new NetworkChanged("m1", new NetworkRevision(1))], Ct);

        var lines = await b.ChangesAfterAsync(0, cancellationToken: Ct);
        Assert.Equal([("c1", 3L), ("m1", 1L)], lines.Select(l => (l.PersonId, l.Revision.Number)));
        Assert.Equal(record.Sequence, Assert.Single(await b.RecentAsync(10, Ct)).Sequence);

        // A line the log refuses (it names nobody) takes its record with it: no record of a change nobody is told of.
        await Assert.ThrowsAnyAsync<Exception>(() => a.AppendWithChangesAsync(change with { Details = "added Dad" }, [new NetworkChanged("c1", new NetworkRevision(4)), new NetworkChanged(null!, new NetworkRevision(1))], Ct));
        Assert.Equal(lines.Count, (await b.ChangesAfterAsync(0, cancellationToken: Ct)).Count);
        Assert.DoesNotContain(await b.RecentAsync(10, Ct), r => r.Entry.Details == "added Dad");
        var verification = await b.VerifyAsync(Ct);
        Assert.True(verification.IsIntact, verification.Problem);
        Assert.Equal(1, verification.RecordsChecked);
    }

    [Fact]
    public async Task A_data_protection_key_stored_by_one_server_is_read_by_another()
    {
        await using var harness = await CreateAsync();
        var (a, b) = (harness.Open(), harness.Open());
        Assert.Empty(b.AllKeyElements());
        a.StoreKeyElement("key-1", "<key id=\"1\" />");
        b.StoreKeyElement("key-2", "<key id=\"2\" />");
        Assert.Equal(["<key id=\"1\" />", "<key id=\"2\" />"], harness.Open().AllKeyElements());
    }

    private static FeedMessage Fed(string sourceId, DateTimeOffset time, string fingerprint, FeedState state = FeedState.Applied, string client = "housing") =>
        new(0, client, "A10", sourceId, FeedKind.Involvement, time, fingerprint, $"{{\"sourceId\":\"{sourceId}\"}}", state, state == FeedState.Held ? 202 : 201,
            $"{{\"outcome\":\"{fingerprint}\"}}", state == FeedState.Held ? "9991234527" : null, T0);

    [Fact]
    public async Task A_feed_message_is_kept_by_client_and_source_id_and_another_server_finds_it()
    {
        await using var harness = await CreateAsync();
        var (a, b) = (harness.Open(), harness.Open());
        var kept = await a.KeepFeedMessageAsync(Fed("s1", T0, "first"), Ct);
        await a.KeepFeedMessageAsync(Fed("s1", T0, "other client's", client: "school"), Ct);

        var found = await b.FindFeedMessageAsync("housing", "s1", Ct);
        Assert.NotNull(found);
        Assert.Equal(kept.Id, found.Id);
        Assert.Equal(("first", 201, "{\"outcome\":\"first\"}", FeedKind.Involvement, T0), (found.Fingerprint, found.AnswerStatus, found.AnswerBody, found.Kind, found.MessageTime));
        Assert.Equal("other client's", (await b.FindFeedMessageAsync("school", "s1", Ct))!.Fingerprint);
        Assert.Null(await b.FindFeedMessageAsync("housing", "s2", Ct));
        Assert.Equal(found, await b.FindFeedMessageAsync(kept.Id, Ct));
    }

    [Fact]
    public async Task A_newer_feed_message_replaces_the_one_kept_and_an_older_one_never_does()
    {
        await using var harness = await CreateAsync();
        var (a, b) = (harness.Open(), harness.Open());
        await a.KeepFeedMessageAsync(Fed("s1", T0, "start"), Ct);

        var newer = await b.KeepFeedMessageAsync(Fed("s1", T0.AddDays(30), "end"), Ct);
        var older = await a.KeepFeedMessageAsync(Fed("s1", T0.AddDays(1), "late start"), Ct);

        Assert.Equal("end", newer.Fingerprint);
        Assert.Equal("end", older.Fingerprint);
        Assert.Equal(T0.AddDays(30), (await harness.Open().FindFeedMessageAsync("housing", "s1", Ct))!.MessageTime);
    }

    [Fact]
    public async Task Each_feed_answer_is_kept_by_its_fingerprint_so_a_replay_after_a_newer_message_gets_its_own_first_answer()
    {
        await using var harness = await CreateAsync();
        var (a, b) = (harness.Open(), harness.Open());
        await a.KeepFeedMessageAsync(Fed("s1", T0, "start"), Ct);
        await b.KeepFeedMessageAsync(Fed("s1", T0.AddDays(30), "end") with { AnswerStatus = 200 }, Ct);
        await a.KeepFeedMessageAsync(Fed("s1", T0, "start") with { AnswerStatus = 200, AnswerBody = "{\"outcome\":\"later\"}" }, Ct);

        Assert.Equal((201, "{\"outcome\":\"start\"}"), await b.FindFeedAnswerAsync("housing", "s1", "start", Ct));
        Assert.Equal((200, "{\"outcome\":\"end\"}"), await a.FindFeedAnswerAsync("housing", "s1", "end", Ct));
        Assert.Null(await a.FindFeedAnswerAsync("school", "s1", "start", Ct));
        Assert.Null(await a.FindFeedAnswerAsync("housing", "s1", "never sent", Ct));
        Assert.Equal("end", (await b.FindFeedMessageAsync("housing", "s1", Ct))!.Fingerprint);
    }

    [Fact]
    public async Task One_server_at_a_time_holds_the_claim_on_a_source_id_until_its_message_is_kept_or_released()
    {
        await using var harness = await CreateAsync();
        var servers = Enumerable.Range(0, 4).Select(_ => harness.Open()).ToArray();
        await servers[0].MigrateAsync(Ct);

        var claims = await Task.WhenAll(servers.Select(server => Task.Run(() => server.ClaimFeedMessageAsync("housing", "s1", T0, T0.AddMinutes(-1), Ct), Ct)));

        Assert.Equal(1, claims.Count(c => c == FeedClaim.Claimed));
        Assert.Equal(servers.Length - 1, claims.Count(c => c == FeedClaim.Busy));
        Assert.Equal(FeedClaim.Claimed, await servers[1].ClaimFeedMessageAsync("school", "s1", T0, T0.AddMinutes(-1), Ct));
        Assert.Equal(FeedClaim.Claimed, await servers[1].ClaimFeedMessageAsync("housing", "s2", T0, T0.AddMinutes(-1), Ct));

        await servers[2].KeepFeedMessageAsync(Fed("s1", T0, "first"), Ct);
        Assert.Equal(FeedClaim.Claimed, await servers[3].ClaimFeedMessageAsync("housing", "s1", T0.AddSeconds(1), T0.AddMinutes(-1), Ct));
        await servers[0].ReleaseFeedMessageAsync("housing", "s1", Ct);
        Assert.Equal(FeedClaim.Claimed, await servers[1].ClaimFeedMessageAsync("housing", "s1", T0.AddSeconds(2), T0.AddMinutes(-1), Ct));
    }

    [Fact]
    public async Task A_claim_left_by_a_server_that_stopped_is_taken_over_once_it_is_stale_and_not_before()
    {
        await using var harness = await CreateAsync();
        var (a, b, c) = (harness.Open(), harness.Open(), harness.Open());
        Assert.Equal(FeedClaim.Claimed, await a.ClaimFeedMessageAsync("housing", "s1", T0, T0.AddMinutes(-1), Ct));

        Assert.Equal(FeedClaim.Busy, await b.ClaimFeedMessageAsync("housing", "s1", T0.AddSeconds(10), T0.AddSeconds(-20), Ct));
        Assert.Equal(FeedClaim.TakenOver, await b.ClaimFeedMessageAsync("housing", "s1", T0.AddMinutes(1), T0.AddSeconds(30), Ct));
        Assert.Equal(FeedClaim.Busy, await c.ClaimFeedMessageAsync("housing", "s1", T0.AddMinutes(1), T0.AddSeconds(30), Ct));
    }

    [Fact]
    public async Task Held_feed_messages_are_listed_oldest_first_until_one_coordinator_decides()
    {
        await using var harness = await CreateAsync();
        var (a, b) = (harness.Open(), harness.Open());
        var first = await a.KeepFeedMessageAsync(Fed("h1", T0, "h1", FeedState.Held), Ct);
        var second = await a.KeepFeedMessageAsync(Fed("h2", T0, "h2", FeedState.Held), Ct);
        await a.KeepFeedMessageAsync(Fed("done", T0, "done"), Ct);

        Assert.Equal(["h1", "h2"], (await b.HeldFeedMessagesAsync(cancellationToken: Ct)).Select(m => m.SourceId));
        Assert.Equal("9991234527", (await b.HeldFeedMessagesAsync(cancellationToken: Ct))[0].NhsNumber);
        Assert.True(await a.DecideFeedMessageAsync(first.Id, FeedState.Matched, "coordinator", T0.AddHours(1), Ct));
        Assert.False(await b.DecideFeedMessageAsync(first.Id, FeedState.Rejected, "another", T0.AddHours(2), Ct));
        Assert.True(await b.DecideFeedMessageAsync(second.Id, FeedState.Rejected, "another", T0.AddHours(2), Ct));

        Assert.Empty(await harness.Open().HeldFeedMessagesAsync(cancellationToken: Ct));
        var matched = (await b.FindFeedMessageAsync(first.Id, Ct))!;
        Assert.Equal((FeedState.Matched, "coordinator", T0.AddHours(1), 202), (matched.State, matched.DecidedBy, matched.DecidedAt, matched.AnswerStatus));
    }
}

public sealed class SqliteGovernanceStoreTests : GovernanceStoreContractTests
{
    protected override Task<GovernanceHarness> CreateAsync() => Task.FromResult<GovernanceHarness>(new SqliteGovernanceHarness());
}

public sealed class PostgreSqlGovernanceStoreTests(PostgreSqlServer server) : GovernanceStoreContractTests
{
    protected override async Task<GovernanceHarness> CreateAsync() => await PostgreSqlGovernanceHarness.CreateAsync(server);
}
