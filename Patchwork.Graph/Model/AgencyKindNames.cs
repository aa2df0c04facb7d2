using System.Globalization;

namespace Patchwork.Graph.Model;

/// <summary>
/// The words a person reads for an agency's kind. Kinds are stored as short keys ("children-social-care"), free text
/// an import may extend, so a key this list does not know still reads as words ("Youth offending").
/// </summary>
public static class AgencyKindNames
{
    private static readonly Dictionary<string, string> Known = new(StringComparer.OrdinalIgnoreCase)
    {
        ["children-social-care"] = "Children's social care",
        ["adult-social-care"] = "Adult social care",
        ["health"] = "Health",
        ["mental-health"] = "Mental health",
        ["police"] = "Police",
        ["school"] = "School",
        ["gp"] = "GP practice",
        ["gp-practice"] = "GP practice",
        ["housing"] = "Housing",
        ["youth"] = "Youth service",
        ["youth-justice"] = "Youth justice",
        ["early-help"] = "Early help",
        ["substance-misuse"] = "Drug and alcohol service",
        ["domestic-abuse"] = "Domestic abuse service",
        ["voluntary"] = "Voluntary sector",
        ["fire"] = "Fire and rescue",
    };

    /// <summary>"children-social-care" reads "Children's social care"; an unknown key reads as its words, capitalised once.</summary>
    public static string Describe(string kind)
    {
        if (Known.TryGetValue(kind.Trim(), out var words))
        {
            return words;
        }

        var spaced = kind.Trim().Replace('-', ' ').Replace('_', ' ');
        return spaced.Length == 0 ? "Agency" : char.ToUpper(spaced[0], CultureInfo.InvariantCulture) + spaced[1..];
    }
}
