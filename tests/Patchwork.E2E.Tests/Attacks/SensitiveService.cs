using Microsoft.Playwright;
using Patchwork.E2E.Tests.Infrastructure;

namespace Patchwork.E2E.Tests.Attacks;

/// <summary>
/// The demo district's sensitive service, as an outsider (Sam Adeyemi, children's social care) must never learn
/// of it: Pathways Recovery and its workers Kieran Lynch (PR005, lead for Liam Turner, P004) and Tasha Quinn (PR036).
/// Every attack checks the page's HTML and the decoded circuit frames against this one list.
/// </summary>
internal static class SensitiveService
{
    public const string Client = "P004";

    public static readonly IReadOnlyList<string> Secrets =
    [
        "Pathways", "Pathways Recovery", "substance-misuse", "01632 960930", "Adult Recovery", "Young Adults",
        "Kieran", "Lynch", "Kieran Lynch", "07700 900005", "kieran.lynch@pathways-recovery.example",
        "Tasha", "Quinn", "Tasha Quinn", "07700 900036", "tasha.quinn@pathways-recovery.example",
        "pathways-recovery", "Recovery Worker",
    ];

    /// <summary>
    /// Fails naming the first secret in <paramref name="shown"/> (HTML, circuit text or a file). What the viewer
    /// typed themselves is echoed back, so a secret the typed text holds is not looked for.
    /// </summary>
    public static void NoneIn(string shown, string where, string typed = "")
    {
        foreach (var secret in Secrets.Where(s => !typed.Contains(s, StringComparison.OrdinalIgnoreCase)))
        {
            Assert.False(shown.Contains(secret, StringComparison.OrdinalIgnoreCase), $"\"{secret}\" reached the {where}.");
        }
    }

    /// <summary>Checks the page as it is now and everything the circuit has sent it.</summary>
    public static async Task NoneOnAsync(IPage page, CircuitFrames frames, string typed = "")
    {
        NoneIn(await page.ContentAsync(), "page", typed);
        NoneIn(frames.Text, "circuit", typed);
    }
}
