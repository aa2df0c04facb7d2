using System.Globalization;
using Patchwork.Graph.Model;

namespace Patchwork.E2E.Tests.Infrastructure;

/// <summary>The demo district as its README describes it; dates as its files write them.</summary>
internal static class DemoData
{
    public const string SamEmail = "sam.adeyemi@northvale.gov.uk";
    /// <summary>Hannah Lees, lead social worker of Zara Hussain (P030), who lives with Imran Ahmed, not her family.</summary>
    public const string HannahEmail = "hannah.lees@northvale.gov.uk";
    public const string CoordinatorEmail = "jo.whitfield@northvale.gov.uk";
    public const string GovernanceEmail = "dev.patel@northvale.gov.uk";

    /// <summary>The development identity provider's one password (DevIdentity:Password in appsettings.Development.json).</summary>
    public const string Password = "patchwork-demo";

    public static readonly NodeRef Ava = new(NodeKind.Person, "P001");
    public static readonly NodeRef Liam = new(NodeKind.Person, "P004");
    public static readonly NodeRef Margaret = new(NodeKind.Person, "P005");
    public static readonly NodeRef TomReed = new(NodeKind.Professional, "PR003");
    public static readonly NodeRef HelenMarsh = new(NodeKind.Professional, "PR006");

    /// <summary>The day the files were written to look like "today" (reference-date.txt).</summary>
    public static DateOnly ReferenceDate { get; } = DateOnly.ParseExact(
        File.ReadAllText(Path.Combine(RepoPaths.DemoData, "reference-date.txt")).Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>A date of the files as the app shows it: the app moved every date so the reference date is today.</summary>
    public static DateOnly Shifted(DateOnly today, int year, int month, int day) =>
        new DateOnly(year, month, day).AddDays(today.DayNumber - ReferenceDate.DayNumber);

    public static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
