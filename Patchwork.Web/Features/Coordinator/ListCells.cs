using System.Globalization;
using Patchwork.Graph.Coordination;
using Patchwork.Web.Features.Network;

namespace Patchwork.Web.Features.Coordinator;

/// <summary>A value of a coordinator's list as it reads on screen: dates and times the British way, missing values in words.</summary>
public static class ListCells
{
    private static readonly CultureInfo British = CultureInfo.GetCultureInfo("en-GB");

    public static string Display(ListColumn column, object? value) => value switch
    {
        null => column.WhenEmpty,
        DateOnly day => Formats.Day(day),
        DateTimeOffset at => Formats.When(at),
        IFormattable number => number.ToString(null, British),
        _ => value.ToString() ?? column.WhenEmpty,
    };
}
