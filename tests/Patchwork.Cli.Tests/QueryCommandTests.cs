using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Patchwork.Cli.Tests;

public sealed class QueryCommandTests : IAsyncLifetime
{
    private readonly CliHarness cli = new();

    public async ValueTask InitializeAsync() => await cli.OkAsync("import", new District().WriteTo(cli.Folder("district")));

    public ValueTask DisposeAsync()
    {
        cli.Dispose();
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task Query_network_json_lists_the_focus_nodes_by_ring_the_active_edges_and_nothing_omitted()
    {
        var network = JsonNode.Parse(await cli.OkAsync("query", "network", "P1", "--as-of", "2026-06-01", "--json"))!;

        Assert.Equal("""{"kind":"person","id":"P1"}""", network["focus"]!.ToJsonString());
        Assert.Equal("2026-06-01", (string)network["asOf"]!);
        Assert.Equal(
            ["P1:0", "H1:1", "P2:1", "P3:1", "P4:1", "P5:1", "PR1:2", "PR2:2", "PR3:2", "A1:3", "A2:3", "A3:3"],
            network["nodes"]!.AsArray().Select(n => $"{n!["id"]}:{n["ring"]}"));
        var ava = network["nodes"]![0]!;
        Assert.Equal(
            """{"id":"P1","kind":"person","name":"Ava Turner","ring":0,"dateOfBirth":"2014-03-14","age":12,"gender":"female","client":true}""",
            ava.ToJsonString());
        Assert.Equal(
            """{"id":"H1","kind":"household","name":"Turner household","ring":1,"address":"14 Elm Road","postcode":"NV1 2AB"}""",
            network["nodes"]![1]!.ToJsonString());
        Assert.Equal(
            """{"id":"PR1","kind":"professional","name":"Sam Adeyemi","ring":2,"jobTitle":"Social Worker","phone":"01632 960001","email":"sam@northvale.example"}""",
            network["nodes"]![6]!.ToJsonString());
        Assert.Equal(
            """{"id":"A3","kind":"agency","name":"Pathways Recovery","ring":3,"agencyKind":"substance-misuse","sensitive":true}""",
            network["nodes"]![11]!.ToJsonString());
        Assert.False((bool)network["nodes"]![2]!["client"]!);

        var edges = network["edges"]!.AsArray();
        Assert.Equal(14, edges.Count);
        Assert.Contains(edges, e => e!.ToJsonString() == """{"type":"FAMILY","from":"P5","to":"P1","since":"2014-03-14","until":null,"kind":"grandparent"}""");
        Assert.Contains(edges, e => e!.ToJsonString() == """{"type":"INVOLVED_WITH","from":"PR3","to":"P4","since":"2025-01-15","until":null,"role":"Recovery worker","lead":false,"sensitive":true}""");
        Assert.Contains(edges, e => e!.ToJsonString() == """{"type":"WORKS_FOR","from":"PR1","to":"A1","since":"2019-08-05","until":null,"team":"Child Protection"}""");
        Assert.Contains(edges, e => e!.ToJsonString() == """{"type":"MEMBER_OF","from":"P3","to":"H1","since":"2017-01-20","until":null}""");
        Assert.DoesNotContain(edges, e => (string)e!["type"]! == "FAMILY" && (string)e["kind"]! == "partner");
        Assert.Equal("""{"person":0,"household":0,"professional":0,"agency":0}""", network["omitted"]!.ToJsonString());
    }

    [Fact]
    public async Task Query_network_on_an_earlier_day_shows_the_ties_of_that_day()
    {
        var network = JsonNode.Parse(await cli.OkAsync("query", "network", "P1", "--as-of", "2020-01-01", "--json"))!;

        var edges = network["edges"]!.AsArray();
        Assert.Contains(edges, e => (string)e!["type"]! == "MEMBER_OF" && (string)e["from"]! == "P4" && (string)e["until"]! == "2024-09-01");
        Assert.DoesNotContain(edges, e => (string)e!["type"]! == "INVOLVED_WITH");
    }

    [Fact]
    public async Task Query_network_cap_keeps_the_nearest_nodes_and_counts_the_rest_per_kind()
    {
        var network = JsonNode.Parse(await cli.OkAsync("query", "network", "P1", "--as-of", "2026-06-01", "--cap", "5", "--json"))!;

        Assert.Equal(["P1", "H1", "P2", "P3", "P4"], network["nodes"]!.AsArray().Select(n => (string)n!["id"]!));
        Assert.Equal("""{"person":1,"household":0,"professional":3,"agency":3}""", network["omitted"]!.ToJsonString());
    }

    [Fact]
    public async Task Query_network_table_shows_nodes_edges_and_what_the_cap_left_out()
    {
        var output = await cli.OkAsync("query", "network", "P1", "--as-of", "2026-06-01", "--cap", "10");

        Assert.StartsWith("Person P1 (Ava Turner) on 2026-06-01: 10 nodes,", output, StringComparison.Ordinal);
        Assert.Contains("RING  KIND          ID   NAME", output, StringComparison.Ordinal);
        Assert.Contains("0     person        P1   Ava Turner", output, StringComparison.Ordinal);
        Assert.Contains("FAMILY         P5    P1  2014-03-14         grandparent", output, StringComparison.Ordinal);
        Assert.Contains("Not shown (over the cap): 2 agencies.", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Query_network_of_an_unknown_person_says_so_and_exits_with_1()
    {
        var result = await cli.RunAsync("query", "network", "NOPE", "--as-of", "2026-06-01");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("patchwork: There is no person with id 'NOPE'.", result.Error.Trim());
        Assert.Empty(result.Output);
    }

    [Theory]
    [InlineData("--depth", "5", "--depth must be between 0 and 4; 5 was given.")]
    [InlineData("--depth", "-1", "--depth must be between 0 and 4; -1 was given.")]
    [InlineData("--cap", "0", "--cap must be at least 1; 0 was given.")]
    [InlineData("--as-of", "2026-02-30", "'2026-02-30' is not a date: write YYYY-MM-DD")]
    [InlineData("--as-of", "1/6/2026", "'1/6/2026' is not a date: write YYYY-MM-DD")]
    public async Task Query_network_with_a_bad_option_gives_one_line_and_exits_with_2(string option, string value, string message)
    {
        var result = await cli.RunAsync("query", "network", "P1", option, value);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(message, result.Error, StringComparison.Ordinal);
        Assert.Single(result.Error.Trim().Split('\n'));
    }

    [Fact]
    public async Task Query_network_depth_two_reaches_the_households_of_relatives()
    {
        var network = JsonNode.Parse(await cli.OkAsync("query", "network", "P1", "--as-of", "2026-06-01", "--depth", "2", "--json"))!;

        Assert.Contains(network["nodes"]!.AsArray(), n => (string)n!["id"]! == "H2" && (int)n["ring"]! == 2);
    }

    [Fact]
    public async Task Query_expand_household_gives_its_members_one_step_out()
    {
        var network = JsonNode.Parse(await cli.OkAsync("query", "expand", "household", "H1", "--as-of", "2026-06-01", "--json"))!;

        Assert.Equal("""{"kind":"household","id":"H1"}""", network["focus"]!.ToJsonString());
        Assert.Equal(["H1:0", "P1:1", "P2:1", "P3:1"], network["nodes"]!.AsArray().Select(n => $"{n!["id"]}:{n["ring"]}"));
        Assert.True((bool)network["nodes"]![1]!["client"]!);
    }

    [Fact]
    public async Task Query_expand_agency_counts_its_staff_without_showing_them()
    {
        var network = JsonNode.Parse(await cli.OkAsync("query", "expand", "Agency", "A1", "--as-of", "2026-06-01", "--json"))!;

        Assert.Single(network["nodes"]!.AsArray());
        Assert.Equal(1, (int)network["omitted"]!["professional"]!);
    }

    [Fact]
    public async Task Query_expand_with_an_unknown_kind_exits_with_2()
    {
        var result = await cli.RunAsync("query", "expand", "family", "H1");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("patchwork: unknown kind 'family': use person, household, professional or agency.", result.Error.Trim());
    }

    [Fact]
    public async Task Query_expand_of_an_unknown_node_exits_with_1()
    {
        var result = await cli.RunAsync("query", "expand", "professional", "PR9");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("patchwork: There is no professional with id 'PR9'.", result.Error.Trim());
    }

    [Fact]
    public async Task Query_team_json_puts_the_lead_first_with_last_contact_and_next_visit()
    {
        var team = JsonNode.Parse(await cli.OkAsync("query", "team", "P1", "--as-of", "2026-06-01", "--json"))!.AsArray();

        Assert.Equal(2, team.Count);
        Assert.Equal(
            """{"professionalId":"PR1","name":"Sam Adeyemi","role":"Child protection social worker","lead":true,"sensitive":false,"agencyId":"A1","agencyName":"Northvale Children's Services","phone":"01632 960001","email":"sam@northvale.example","lastContact":"2026-05-20T13:00:00Z","lastContactKind":"visit","nextVisit":"2026-06-10T13:00:00Z","nextVisitKind":"visit"}""",
            team[0]!.ToJsonString(new JsonSerializerOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
        Assert.Equal("PR2", (string)team[1]!["professionalId"]!);
        Assert.Equal("2026-04-15T09:30:00Z", (string)team[1]!["lastContact"]!);
        Assert.Null(team[1]!["nextVisit"]);
        Assert.Null(team[1]!["nextVisitKind"]);
    }

    [Fact]
    public async Task Query_team_marks_a_sensitive_involvement()
    {
        var team = JsonNode.Parse(await cli.OkAsync("query", "team", "P4", "--as-of", "2026-06-01", "--json"))!.AsArray();

        var kieran = Assert.Single(team)!;
        Assert.True((bool)kieran["sensitive"]!);
        Assert.False((bool)kieran["lead"]!);
        Assert.Null(kieran["lastContact"]);
    }

    [Fact]
    public async Task Query_team_table_has_a_row_per_professional()
    {
        var output = await cli.OkAsync("query", "team", "P1", "--as-of", "2026-06-01");

        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(4, lines.Length);
        Assert.StartsWith("PROFESSIONAL  NAME", lines[0], StringComparison.Ordinal);
        Assert.Contains("2026-06-10T13:00:00Z visit", lines[2], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Query_team_of_an_unknown_person_exits_with_1()
    {
        var result = await cli.RunAsync("query", "team", "P99");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("patchwork: There is no person with id 'P99'.", result.Error.Trim());
    }

    [Fact]
    public async Task Query_no_lead_lists_clients_without_a_lead_on_the_day()
    {
        var today = JsonNode.Parse(await cli.OkAsync("query", "no-lead", "--as-of", "2026-06-01", "--json"))!.AsArray();
        var earlier = JsonNode.Parse(await cli.OkAsync("query", "no-lead", "--as-of", "2024-06-01", "--json"))!.AsArray();

        Assert.Equal("""[{"id":"P4","name":"Liam Turner","dateOfBirth":"1987-07-30","involvements":1,"agencies":1}]""", today.ToJsonString());
        Assert.Equal("P6", (string)Assert.Single(earlier)!["id"]!);
    }

    [Fact]
    public async Task Query_no_lead_count_prints_only_the_total()
    {
        Assert.Equal("1", (await cli.OkAsync("query", "no-lead", "--as-of", "2026-06-01", "--count")).Trim());
        Assert.Equal("0", (await cli.OkAsync("query", "no-lead", "--as-of", "2000-01-01", "--count")).Trim());
    }

    [Fact]
    public async Task Query_no_lead_table_says_the_total_and_which_rows_it_shows()
    {
        var first = await cli.OkAsync("query", "no-lead", "--as-of", "2026-06-01");
        var past = await cli.OkAsync("query", "no-lead", "--as-of", "2026-06-01", "--skip", "1", "--take", "10");

        Assert.Contains("P4  Liam Turner  1987-07-30  1             1", first, StringComparison.Ordinal);
        Assert.Contains("1 client without a lead on 2026-06-01 (showing 1-1).", first, StringComparison.Ordinal);
        Assert.Contains("1 client without a lead on 2026-06-01 (none shown).", past, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Query_search_finds_people_and_households_by_name_prefix()
    {
        var hits = JsonNode.Parse(await cli.OkAsync("query", "search", "ava tur", "--json"))!.AsArray();

        Assert.Equal("""[{"id":"P1","kind":"person","name":"Ava Turner","detail":"born 14 Mar 2014"}]""", hits.ToJsonString());
        var turners = JsonNode.Parse(await cli.OkAsync("query", "search", "turner", "--json"))!.AsArray();
        Assert.Contains(turners, h => (string)h!["kind"]! == "household" && (string)h["id"]! == "H1");
        Assert.Equal(5, turners.Count(h => (string)h!["kind"]! == "person" || (string)h["id"]! == "H2"));
    }

    [Fact]
    public async Task Query_search_table_lists_kind_id_name_and_detail()
    {
        var output = await cli.OkAsync("query", "search", "pathways");

        Assert.Contains("agency  A3  Pathways Recovery  substance-misuse", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Query_as_of_defaults_to_today()
    {
        var network = JsonNode.Parse(await cli.OkAsync("query", "network", "P1", "--json"))!;

        Assert.Equal("2026-06-01", (string)network["asOf"]!);
    }
}
