using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Patchwork.Graph.Audit;
using Patchwork.Graph.Feed;
using Patchwork.Graph.Storage;

namespace Patchwork.Integration.Tests.Api;

/// <summary>
/// The feed under /api/v1 as another system uses it, with real tokens: Northvale Homes' system (A10) writes for its
/// own officers - Lorraine Fitch (PR033, on George Ellis's team, P066) and Wes Thornton (PR034, not on it).
/// </summary>
public sealed class FeedApiTests : IAsyncLifetime
{
    private const string George = "P066";
    private const string GeorgeNhs = "9994047299";
    private const string UnknownNhs = "9991234527";
    private readonly ApiClients clients = new();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => clients.DisposeAsync();

    private IGraphStore Store => clients.App.Services.GetRequiredService<IGraphStore>();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private Task<HttpClient> HousingAsync() => clients.ClientAsync(ApiClients.Housing, "patchwork.write");

    private static string Today => DateOnly.FromDateTime(DateTime.UtcNow).ToString("yyyy-MM-dd");

    [Fact]
    public async Task An_involvement_by_NHS_number_and_email_puts_the_agency_professional_on_the_team_and_is_audited_with_the_client_as_actor()
    {
        using var http = await HousingAsync();

        var (status, body, type) = await ApiClients.PostAsync(http, "/api/v1/involvements", new
        {
            sourceId = "tenancy-1", nhsNumber = GeorgeNhs, professionalEmail = "wes.thornton@northvale-homes.example",
            role = "Housing options officer", lead = false, sensitive = false, since = "2026-01-05",
        });

        Assert.Equal(201, status);
        Assert.Equal("application/json", type);
        Assert.Equal(FeedReceipt.Created, JsonDocument.Parse(body).RootElement.GetProperty("outcome").GetString());
        var team = await Store.GetTeamAsync(George, new DateOnly(2026, 2, 1), Ct);
        Assert.Contains(team, m => m.Professional.Id == "PR034" && m.Involvement.Role == "Housing options officer");
        var trail = await clients.App.Services.GetRequiredService<IAuditTrail>().RecentAsync(cancellationToken: Ct);
        Assert.Contains(trail, r => r.Entry.Action == AuditActions.Change && r.Entry.Actor == "client:" + ApiClients.Housing && r.Entry.PersonIds.Contains(George));
    }

    [Fact]
    public async Task Each_bad_field_is_named_in_a_problem_and_nothing_changes()
    {
        using var http = await HousingAsync();
        var before = await Store.GetRevisionAsync(George, Ct);

        var (status, body, type) = await ApiClients.PostAsync(http, "/api/v1/involvements", new
        {
            sourceId = "tenancy-2", personId = George, professionalId = "PR034", lead = "yes", since = "05/01/2026", until = "2026-13-01", sinse = "2026-01-05",
        });

        Assert.Equal(400, status);
        Assert.Equal("application/problem+json", type);
        var errors = JsonDocument.Parse(body).RootElement.GetProperty("errors");
        Assert.Contains("YYYY-MM-DD", errors.GetProperty("since")[0].GetString(), StringComparison.Ordinal);
        Assert.Contains("YYYY-MM-DD", errors.GetProperty("until")[0].GetString(), StringComparison.Ordinal);
        Assert.Contains("true or false", errors.GetProperty("lead")[0].GetString(), StringComparison.Ordinal);
        Assert.Contains("required", errors.GetProperty("role")[0].GetString(), StringComparison.Ordinal);
        Assert.Contains("not a field", errors.GetProperty("sinse")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(before.Number, (await Store.GetRevisionAsync(George, Ct)).Number);
    }

    [Fact]
    public async Task A_contact_with_a_local_time_and_an_unknown_kind_is_refused_under_each_field()
    {
        using var http = await HousingAsync();

        var (status, body, _) = await ApiClients.PostAsync(http, "/api/v1/contacts", new
        {
            sourceId = "visit-bad", personId = George, nhsNumber = GeorgeNhs, professionalId = "PR033", at = "2026-03-01T10:00:00", kind = "house-call", seen = "true",
        });

        Assert.Equal(400, status);
        var errors = JsonDocument.Parse(body).RootElement.GetProperty("errors");
        Assert.Contains("UTC", errors.GetProperty("at")[0].GetString(), StringComparison.Ordinal);
        Assert.Contains("house-call", errors.GetProperty("kind")[0].GetString(), StringComparison.Ordinal);
        Assert.Contains("not both", errors.GetProperty("personId")[0].GetString(), StringComparison.Ordinal);
        Assert.True(errors.TryGetProperty("seen", out _));
    }

    [Fact]
    public async Task A_client_without_the_write_scope_cannot_post()
    {
        using var http = await clients.ClientAsync(ApiClients.Recovery);

        var (status, body, type) = await ApiClients.PostAsync(http, "/api/v1/contacts", new { sourceId = "x" });

        Assert.Equal(403, status);
        Assert.Equal("application/problem+json", type);
        Assert.Contains("patchwork.write", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_client_cannot_write_for_another_agencys_professional()
    {
        using var http = await HousingAsync();
        var before = await Store.GetRevisionAsync(George, Ct);

        var (status, body, _) = await ApiClients.PostAsync(http, "/api/v1/contacts", new
        {
            sourceId = "visit-other", personId = George, professionalId = "PR005", at = DateTime.UtcNow.AddHours(-1).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'"), kind = "visit",
        });

        Assert.Equal(400, status);
        var message = JsonDocument.Parse(body).RootElement.GetProperty("errors").GetProperty("professionalId")[0].GetString();
        Assert.Contains("does not work for this client's agency", message, StringComparison.Ordinal);
        // The refusal says nothing of who PR005 is, nor that they work for a sensitive service.
        Assert.DoesNotContain("Kieran", body, StringComparison.Ordinal);
        Assert.DoesNotContain("Pathways", body, StringComparison.Ordinal);
        Assert.Equal(before.Number, (await Store.GetRevisionAsync(George, Ct)).Number);
    }

    [Fact]
    public async Task A_visit_posted_twice_is_recorded_once_and_the_replay_gets_the_same_answer()
    {
        using var http = await HousingAsync();
        var message = new { sourceId = "visit-7", personId = George, professionalId = "PR033", at = DateTime.UtcNow.AddHours(-2).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'"), kind = "visit", seen = true, seenAlone = false };

        var first = await ApiClients.PostAsync(http, "/api/v1/contacts", message);
        var afterFirst = await Store.GetRevisionAsync(George, Ct);
        var second = await ApiClients.PostAsync(http, "/api/v1/contacts", message);

        Assert.Equal(201, first.Status);
        Assert.Equal(first.Status, second.Status);
        Assert.Equal(first.Body, second.Body);
        Assert.Equal(afterFirst.Number, (await Store.GetRevisionAsync(George, Ct)).Number);
        Assert.Equal(afterFirst.Number, JsonDocument.Parse(first.Body).RootElement.GetProperty("revision").GetInt64());
    }

    [Fact]
    public async Task Two_identical_contact_posts_sent_together_record_one_contact_and_both_get_the_same_answer()
    {
        using var one = await HousingAsync();
        using var other = await HousingAsync();
        var before = await Store.GetRevisionAsync(George, Ct);
        var message = new { sourceId = "visit-together", personId = George, professionalId = "PR033", at = DateTime.UtcNow.AddHours(-3).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'"), kind = "visit" };

        var answers = await Task.WhenAll(ApiClients.PostAsync(one, "/api/v1/contacts", message), ApiClients.PostAsync(other, "/api/v1/contacts", message));

        Assert.Equal(201, answers[0].Status);
        Assert.Equal((answers[0].Status, answers[0].Body), (answers[1].Status, answers[1].Body));
        Assert.Equal(before.Number + 1, (await Store.GetRevisionAsync(George, Ct)).Number);
        var team = await Store.GetTeamAsync(George, DateOnly.FromDateTime(DateTime.UtcNow), Ct);
        Assert.Equal(message.at, team.Single(m => m.Professional.Id == "PR033").LastContact!.At.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task A_replayed_involvement_start_after_its_end_gets_its_first_answer_and_changes_nothing()
    {
        using var http = await HousingAsync();
        var start = new { sourceId = "tenancy-replay", personId = George, professionalId = "PR034", role = "Housing options officer", since = "2026-01-05" };
        var end = new { sourceId = "tenancy-replay", personId = George, professionalId = "PR034", role = "Housing options officer", since = "2026-01-05", until = "2026-02-01" };

        var first = await ApiClients.PostAsync(http, "/api/v1/involvements", start);
        var ended = await ApiClients.PostAsync(http, "/api/v1/involvements", end);
        var revision = await Store.GetRevisionAsync(George, Ct);
        var replayedStart = await ApiClients.PostAsync(http, "/api/v1/involvements", start);
        var replayedEnd = await ApiClients.PostAsync(http, "/api/v1/involvements", end);

        Assert.Equal((201, 200), (first.Status, ended.Status));
        Assert.Equal((first.Status, first.Body), (replayedStart.Status, replayedStart.Body));
        Assert.Equal((ended.Status, ended.Body), (replayedEnd.Status, replayedEnd.Body));
        Assert.Equal(revision.Number, (await Store.GetRevisionAsync(George, Ct)).Number);
        Assert.DoesNotContain(await Store.GetTeamAsync(George, new DateOnly(2026, 3, 1), Ct), m => m.Professional.Id == "PR034");
    }

    [Fact]
    public async Task A_message_whose_source_id_another_server_is_working_on_is_refused_as_in_progress_and_changes_nothing()
    {
        using var http = await HousingAsync();
        var feed = clients.App.Services.GetRequiredService<IFeedMessageStore>();
        Assert.Equal(FeedClaim.Claimed, await feed.ClaimFeedMessageAsync(ApiClients.Housing, "visit-busy", DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddMinutes(-1), Ct));
        var before = await Store.GetRevisionAsync(George, Ct);

        using var response = await http.PostAsJsonAsync(new Uri("/api/v1/contacts", UriKind.Relative), new
        {
            sourceId = "visit-busy", personId = George, professionalId = "PR033", at = DateTime.UtcNow.AddHours(-1).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'"), kind = "visit",
        }, Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);

        Assert.Equal(409, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("being processed", JsonDocument.Parse(body).RootElement.GetProperty("errors").GetProperty("sourceId")[0].GetString(), StringComparison.Ordinal);
        // When to send it again, as HTTP says it for a system to act on.
        Assert.Equal(TimeSpan.FromSeconds(5), response.Headers.RetryAfter?.Delta);
        Assert.Equal(before.Number, (await Store.GetRevisionAsync(George, Ct)).Number);
    }

    [Fact]
    public async Task A_replay_of_a_contact_written_by_an_attempt_that_stopped_before_keeping_its_answer_is_not_written_again()
    {
        using var http = await HousingAsync();
        var at = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.AddHours(-1).ToUnixTimeSeconds());
        // The attempt that stopped: it claimed the source id and wrote the contact, and its server went down before it kept the answer.
        var feed = clients.App.Services.GetRequiredService<IFeedMessageStore>();
        Assert.Equal(FeedClaim.Claimed, await feed.ClaimFeedMessageAsync(ApiClients.Housing, "visit-stopped", DateTimeOffset.UtcNow - FeedService.ClaimLease - TimeSpan.FromSeconds(1), DateTimeOffset.UtcNow.AddHours(-1), Ct));
        var changes = clients.App.Services.GetRequiredService<Patchwork.Graph.Changes.ChangeService>();
        var written = await changes.RecordContactForAgencyAsync(Patchwork.Graph.Access.Viewer.ForClient(ApiClients.Housing, "A10"), George, "PR033", at, Patchwork.Graph.Model.ContactKind.Visit, false, null, null, Ct);

        var (status, body, _) = await ApiClients.PostAsync(http, "/api/v1/contacts", new
        {
            sourceId = "visit-stopped", personId = George, professionalId = "PR033", at = at.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'"), kind = "visit",
        });

        Assert.Equal(201, status);
        Assert.Equal(FeedReceipt.Created, JsonDocument.Parse(body).RootElement.GetProperty("outcome").GetString());
        Assert.Equal(written.Number, (await Store.GetRevisionAsync(George, Ct)).Number);
        Assert.Equal(written.Number, JsonDocument.Parse(body).RootElement.GetProperty("revision").GetInt64());
    }

    [Fact]
    public async Task An_older_message_never_overwrites_a_newer_one()
    {
        using var http = await HousingAsync();
        var ended = new { sourceId = "tenancy-9", personId = George, professionalId = "PR034", role = "Housing options officer", since = "2026-01-05", until = "2026-02-01" };
        var started = new { sourceId = "tenancy-9", personId = George, professionalId = "PR034", role = "Housing options officer", since = "2026-01-05" };

        var newer = await ApiClients.PostAsync(http, "/api/v1/involvements", ended);
        var revision = await Store.GetRevisionAsync(George, Ct);
        var older = await ApiClients.PostAsync(http, "/api/v1/involvements", started);

        Assert.Equal(201, newer.Status);
        Assert.Equal(200, older.Status);
        Assert.Equal(FeedReceipt.Superseded, JsonDocument.Parse(older.Body).RootElement.GetProperty("outcome").GetString());
        Assert.Equal(revision.Number, (await Store.GetRevisionAsync(George, Ct)).Number);
        Assert.DoesNotContain(await Store.GetTeamAsync(George, new DateOnly(2026, 3, 1), Ct), m => m.Professional.Id == "PR034");
    }

    [Fact]
    public async Task A_later_message_with_an_end_date_ends_the_involvement_it_started()
    {
        using var http = await HousingAsync();
        var start = await ApiClients.PostAsync(http, "/api/v1/involvements", new { sourceId = "tenancy-10", personId = George, professionalId = "PR034", role = "Housing options officer", since = "2026-01-05" });
        var end = await ApiClients.PostAsync(http, "/api/v1/involvements", new { sourceId = "tenancy-10", personId = George, professionalId = "PR034", role = "Housing options officer", since = "2026-01-05", until = "2026-02-01" });

        Assert.Equal(201, start.Status);
        Assert.Equal(200, end.Status);
        Assert.Equal(FeedReceipt.Updated, JsonDocument.Parse(end.Body).RootElement.GetProperty("outcome").GetString());
        Assert.Contains(await Store.GetTeamAsync(George, new DateOnly(2026, 1, 20), Ct), m => m.Professional.Id == "PR034");
        Assert.DoesNotContain(await Store.GetTeamAsync(George, new DateOnly(2026, 3, 1), Ct), m => m.Professional.Id == "PR034");
    }

    [Fact]
    public async Task A_status_from_the_clients_agency_is_recorded_and_its_replay_changes_nothing()
    {
        using var http = await HousingAsync();
        var message = new { sourceId = "cin-1", nhsNumber = GeorgeNhs, status = "child-in-need", since = "2026-02-01" };

        var first = await ApiClients.PostAsync(http, "/api/v1/statuses", message);
        var second = await ApiClients.PostAsync(http, "/api/v1/statuses", message);

        Assert.Equal(201, first.Status);
        Assert.Equal((first.Status, first.Body), (second.Status, second.Body));
        var statuses = await Store.GetStatusesAsync([George], new DateOnly(2026, 3, 1), Ct);
        Assert.Single(statuses, s => s.Status.Status == Patchwork.Graph.Model.CareStatus.ChildInNeed && s.Agency.Id == "A10");
    }

    [Fact]
    public async Task A_status_that_is_not_one_Patchwork_knows_is_refused_with_the_allowed_words()
    {
        using var http = await HousingAsync();

        var (status, body, _) = await ApiClients.PostAsync(http, "/api/v1/statuses", new { sourceId = "s-bad", personId = George, status = "cp-plan", since = Today });

        Assert.Equal(400, status);
        Assert.Contains("child-protection-plan", JsonDocument.Parse(body).RootElement.GetProperty("errors").GetProperty("status")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_message_naming_an_unknown_NHS_number_is_held_and_its_replay_is_answered_the_same()
    {
        using var http = await HousingAsync();
        var message = new { sourceId = "tenancy-held", nhsNumber = UnknownNhs, professionalId = "PR034", role = "Housing options officer", since = "2026-01-05" };

        var first = await ApiClients.PostAsync(http, "/api/v1/involvements", message);
        var second = await ApiClients.PostAsync(http, "/api/v1/involvements", message);

        Assert.Equal(202, first.Status);
        Assert.Equal("application/json", first.ContentType);
        Assert.Equal(FeedReceipt.Held, JsonDocument.Parse(first.Body).RootElement.GetProperty("outcome").GetString());
        Assert.Equal((first.Status, first.Body), (second.Status, second.Body));
        var held = await clients.App.Services.GetRequiredService<IFeedMessageStore>().HeldFeedMessagesAsync(cancellationToken: Ct);
        Assert.Single(held, m => m.SourceId == "tenancy-held" && m.NhsNumber == UnknownNhs);
    }

    [Fact]
    public async Task A_sensitive_involvement_fed_by_one_agency_is_a_placeholder_to_another_agencys_client()
    {
        using var http = await HousingAsync();
        var (status, _, _) = await ApiClients.PostAsync(http, "/api/v1/involvements", new
        {
            sourceId = "tenancy-s", personId = George, professionalId = "PR034", role = "Housing options officer", sensitive = true, since = "2026-01-05",
        });
        Assert.Equal(201, status);

        using var recovery = await clients.ClientAsync(ApiClients.Recovery);
        var (readStatus, team, _) = await ApiClients.GetAsync(recovery, $"/fhir/CareTeam?subject=Patient/{George}&date=2026-03-01");

        Assert.Equal(200, readStatus);
        Assert.DoesNotContain("PR034", team, StringComparison.Ordinal);
        Assert.DoesNotContain("Thornton", team, StringComparison.Ordinal);
        Assert.Contains("sensitive service", team, StringComparison.OrdinalIgnoreCase);
    }
}
