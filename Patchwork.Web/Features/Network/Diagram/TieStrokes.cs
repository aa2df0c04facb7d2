namespace Patchwork.Web.Features.Network.Diagram;

/// <summary>
/// How each tie is drawn, once for the legend and the exported picture: the same words and the same line as
/// <c>.pw-tie-*</c> in app.css (width and dash pattern carry the meaning; colour only repeats it).
/// </summary>
public static class TieStrokes
{
    public sealed record Stroke(string Colour, double Width, string? Dashes);

    /// <summary>The legend's lines, in the order it lists them.</summary>
    public static IReadOnlyList<(TieStyle Style, string Label)> Legend { get; } =
    [
        (TieStyle.Lead, "lead professional"),
        (TieStyle.Involvement, "professional involved"),
        (TieStyle.Sensitive, "sensitive involvement"),
        (TieStyle.Family, "family tie"),
        (TieStyle.Partner, "partners"),
        (TieStyle.SecondHome, "also lives in this household"),
        (TieStyle.WorksFor, "works for agency"),
    ];

    public static Stroke Of(TieStyle style) => style switch
    {
        TieStyle.Family => new("#111827", 2, null),
        TieStyle.Partner => new("#111827", 2, "14 4 2 4"),
        TieStyle.SecondHome => new("#1e3a5f", 2, "8 5"),
        TieStyle.Involvement => new("#1e3a5f", 2.5, null),
        TieStyle.Lead => new("#1e3a5f", 7, null),
        TieStyle.Sensitive => new("#8a1c1c", 3, "2 5"),
        TieStyle.WorksFor => new("#6b7280", 1.5, "4 3"),
        _ => throw new ArgumentOutOfRangeException(nameof(style)),
    };

    /// <summary>A tie that began in the last 30 days is dashed; one that ended is grey and dotted (.pw-tie.is-new, .is-ended).</summary>
    public static Stroke Of(TieStyle style, EdgeChange change) => change switch
    {
        EdgeChange.Joined => Of(style) with { Dashes = "10 4" },
        EdgeChange.Ended => Of(style) with { Colour = "#6b7280", Dashes = "2 6" },
        _ => Of(style),
    };

    public static string CssName(TieStyle style) => style.ToString().ToLowerInvariant();
}
