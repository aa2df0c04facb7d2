using Patchwork.Graph.Model;

namespace Patchwork.Web.Features.Network;

/// <summary>
/// A network view as a link: focus, date, depth and steps out, so a view can be bookmarked and shared.
/// /network/P001?asAt=2025-06-01&amp;depth=2&amp;expand=person:P005,household:H003
/// </summary>
public sealed record NetworkAddress(string PersonId, DateOnly AsOf, int Depth, IReadOnlyList<NodeRef> Expansions)
{
    public const int MaxDepth = 3;

    public string ToUrl(DateOnly today) => Url("network", today);

    /// <summary>The same view on a shared screen: /meeting/P001?...</summary>
    public string ToMeetingUrl(DateOnly today) => Url("meeting", today);

    private string Url(string page, DateOnly today)
    {
        var query = new List<string>();
        if (AsOf != today)
        {
            query.Add($"asAt={Formats.Iso(AsOf)}");
        }

        if (Depth != 1)
        {
            query.Add($"depth={Depth}");
        }

        if (Expansions.Count > 0)
        {
            query.Add("expand=" + string.Join(',', Expansions.Select(e => Uri.EscapeDataString($"{e.Kind.Name()}:{e.Id}"))));
        }

        var path = $"/{page}/{Uri.EscapeDataString(PersonId)}";
        return query.Count == 0 ? path : $"{path}?{string.Join('&', query)}";
    }

    /// <summary>Reads the query string; anything unreadable falls back to the default rather than failing the page.</summary>
    public static NetworkAddress Parse(string personId, string? asAt, int? depth, string? expand, DateOnly today)
    {
        var date = Formats.TryParseDay(asAt, out var parsed) ? parsed : today;
        var steps = new List<NodeRef>();
        foreach (var part in (expand ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var colon = part.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0 && KindNames.TryParseNodeKind(part[..colon], out var kind) && part.Length > colon + 1)
            {
                steps.Add(new NodeRef(kind, part[(colon + 1)..]));
            }
        }

        return new NetworkAddress(personId, date, Math.Clamp(depth ?? 1, 0, MaxDepth), steps);
    }
}
