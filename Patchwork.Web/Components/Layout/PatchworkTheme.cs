using MudBlazor;

namespace Patchwork.Web.Components.Layout;

/// <summary>Navy and white with strong contrast: it has to read on a meeting room projector.</summary>
public static class PatchworkTheme
{
    public static readonly MudTheme Theme = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#1e3a5f",
            Secondary = "#8a1c1c",
            AppbarBackground = "#1e3a5f",
            AppbarText = "#ffffff",
            Background = "#f4f6f9",
            TextPrimary = "#111827",
            TextSecondary = "#374151",
            Error = "#b00020",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography { FontFamily = ["Arial", "Helvetica", "sans-serif"], FontSize = "1rem" },
            // Buttons in sentence case, as written, like the app's own buttons: MudBlazor's capitals are harder to read.
            Button = new ButtonTypography { TextTransform = "none" },
        },
    };
}
