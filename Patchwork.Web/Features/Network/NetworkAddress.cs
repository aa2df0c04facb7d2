using System.Globalization;
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
    public static NetworkAddress Parse(string personId, string? asAt, string? depth, string? expand, DateOnly today) =>
        Read(personId, asAt, depth, expand, today).Address;

    /// <summary>
    /// Reads the query string as typed, bookmarked or tampered with. Every value is a string here, never an int
    /// bound by the framework (which fails the whole page on 2147483648): a date outside the records, a depth the
    /// page does not offer or a step out that cannot be read falls back to the default, with a notice that says so.
    /// </summary>
    public static AddressReading Read(string personId, string? asAt, string? depth, string? expand, DateOnly today)
    {
        var notices = new List<string>();
        var date = Formats.DayOrToday(asAt, today, notices);
        var steps = new List<NodeRef>();
        var unread = 0;
        foreach (var part in (expand ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var colon = part.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0 && KindNames.TryParseNodeKind(part[..colon], out var kind) && part.Length > colon + 1 && part.Length - colon - 1 <= MaxIdLength)
            {
                var step = new NodeRef(kind, part[(colon + 1)..]);
                if (!steps.Contains(step))
                {
                    if (steps.Count == MaxSteps)
                    {
                        unread++;
                        continue;
                    }

                    steps.Add(step);
                }
            }
            else
            {
                unread++;
            }
        }

        return new AddressReading(new NetworkAddress(personId, date, ReadDepth(depth, notices), steps), notices, unread);
    }

    /// <summary>"One step out could not be shown." for the steps an address asked for that were not taken.</summary>
    public static string? StepsNotShown(int count) => count switch
    {
        <= 0 => null,
        1 => "One step out could not be shown.",
        _ => $"{count} steps out could not be shown.",
    };

    /// <summary>At most this many steps out are replayed from an address: more is not a view anyone built by hand.</summary>
    public const int MaxSteps = 50;

    /// <summary>No id in the records is longer; a longer one is junk, not looked up.</summary>
    public const int MaxIdLength = 100;

    private static int ReadDepth(string? text, List<string> notices)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return 1;
        }

        if (int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var depth) && depth <= MaxDepth)
        {
            return depth;
        }

        notices.Add($"The depth '{Formats.Echo(text)}' is not one the page offers (0 to {MaxDepth}); showing 1 step.");
        return 1;
    }
}

/// <summary>
/// An address as read: the view it asks for, notices about what in it was set aside, and how many of its steps
/// out could not even be read (the page adds those it could not take).
/// </summary>
public sealed record AddressReading(NetworkAddress Address, IReadOnlyList<string> Notices, int UnreadSteps);
