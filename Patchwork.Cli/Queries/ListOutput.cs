using System.Text.Json.Nodes;
using Patchwork.Cli.Infrastructure;
using Patchwork.Graph.Model;
using Patchwork.Graph.Network;

namespace Patchwork.Cli.Queries;

/// <summary>The team, no-lead and search answers as JSON arrays or tables.</summary>
internal static class ListOutput
{
    public static async Task WriteTeamAsync(TextWriter output, IReadOnlyList<TeamMember> team, bool json)
    {
        if (json)
        {
            var array = new JsonArray();
            foreach (var member in team)
            {
                array.Add(new JsonObject
                {
                    ["professionalId"] = member.Professional.Id,
                    ["name"] = member.Professional.DisplayName,
                    ["role"] = member.Involvement.Role,
                    ["lead"] = member.IsLead,
                    ["sensitive"] = member.IsSensitive,
                    ["agencyId"] = member.Agency?.Id,
                    ["agencyName"] = member.Agency?.Name,
                    ["phone"] = member.Professional.Phone,
                    ["email"] = member.Professional.Email,
                    ["lastContact"] = Instant(member.LastContact),
                    ["lastContactKind"] = member.LastContact?.Kind.Name(),
                    ["nextVisit"] = Instant(member.NextVisit),
                    ["nextVisitKind"] = member.NextVisit?.Kind.Name(),
                });
            }

            await JsonOutput.WriteAsync(output, array).ConfigureAwait(false);
            return;
        }

        var table = new Table("PROFESSIONAL", "NAME", "ROLE", "LEAD", "AGENCY", "PHONE", "EMAIL", "LAST CONTACT", "NEXT VISIT");
        foreach (var m in team)
        {
            table.Add(
                m.Professional.Id,
                m.Professional.DisplayName,
                m.Involvement.Role + (m.IsSensitive ? " (sensitive)" : ""),
                m.IsLead ? "lead" : "",
                m.Agency?.Name,
                m.Professional.Phone,
                m.Professional.Email,
                Readable(m.LastContact),
                Readable(m.NextVisit));
        }

        await table.WriteAsync(output).ConfigureAwait(false);
    }

    public static async Task WriteNoLeadAsync(TextWriter output, Page<ClientSummary> page, DateOnly asOf, bool json)
    {
        if (json)
        {
            var array = new JsonArray();
            foreach (var client in page.Items)
            {
                array.Add(new JsonObject
                {
                    ["id"] = client.Id,
                    ["name"] = client.Name,
                    ["dateOfBirth"] = client.DateOfBirth is { } born ? BulkValuesText.Date(born) : null,
                    ["involvements"] = client.InvolvementCount,
                    ["agencies"] = client.AgencyCount,
                });
            }

            await JsonOutput.WriteAsync(output, array).ConfigureAwait(false);
            return;
        }

        var table = new Table("ID", "NAME", "BORN", "INVOLVEMENTS", "AGENCIES");
        foreach (var c in page.Items)
        {
            table.Add(c.Id, c.Name, c.DateOfBirth is { } born ? BulkValuesText.Date(born) : "", $"{c.InvolvementCount}", $"{c.AgencyCount}");
        }

        await table.WriteAsync(output).ConfigureAwait(false);
        var shown = page.Items.Count == 0 ? "none shown" : $"showing {page.Skip + 1}-{page.Skip + page.Items.Count}";
        await output.WriteLineAsync($"{page.TotalCount:N0} client{(page.TotalCount == 1 ? "" : "s")} without a lead on {BulkValuesText.Date(asOf)} ({shown}).").ConfigureAwait(false);
    }

    public static async Task WriteSearchAsync(TextWriter output, IReadOnlyList<SearchHit> hits, bool json)
    {
        if (json)
        {
            var array = new JsonArray();
            foreach (var hit in hits)
            {
                array.Add(new JsonObject { ["id"] = hit.Ref.Id, ["kind"] = hit.Ref.Kind.Name(), ["name"] = hit.Name, ["detail"] = hit.Detail });
            }

            await JsonOutput.WriteAsync(output, array).ConfigureAwait(false);
            return;
        }

        var table = new Table("KIND", "ID", "NAME", "DETAIL");
        foreach (var hit in hits)
        {
            table.Add(hit.Ref.Kind.Name(), hit.Ref.Id, hit.Name, hit.Detail);
        }

        await table.WriteAsync(output).ConfigureAwait(false);
    }

    private static string? Instant(ContactSummary? contact) => contact is null ? null : BulkValuesText.DateTime(contact.At);

    private static string Readable(ContactSummary? contact) => contact is null ? "" : $"{BulkValuesText.DateTime(contact.At)} {contact.Kind.Name()}";
}
