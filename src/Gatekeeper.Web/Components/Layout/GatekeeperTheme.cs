using MudBlazor;

namespace Gatekeeper.Web.Components.Layout;

/// <summary>One theme for every page: calm, clinical, readable Japanese.</summary>
public static class GatekeeperTheme
{
    public static MudTheme Theme { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#1f5f8b",
            Secondary = "#4a7c59",
            Tertiary = "#7b4f9d",
            Info = "#1e88e5",
            Success = "#2e7d32",
            Warning = "#ef6c00",
            Error = "#c62828",
            AppbarBackground = "#163e5c",
            Background = "#f5f7fa",
            DrawerBackground = "#ffffff",
            DrawerText = "#1d2b36",
            TextPrimary = "#1d2b36",
            TextSecondary = "#5b6b7a",
            LinesDefault = "#dde3ea",
            TableLines = "#e6ebf0",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography
            {
                FontFamily = ["Noto Sans JP", "Noto Sans CJK JP", "Hiragino Sans", "Yu Gothic UI", "Meiryo", "Roboto", "sans-serif"],
            },
            H4 = new H4Typography { FontSize = "1.75rem", FontWeight = "500", LineHeight = "1.3" },
            H5 = new H5Typography { FontSize = "1.35rem", FontWeight = "500", LineHeight = "1.4" },
            H6 = new H6Typography { FontSize = "1.1rem", FontWeight = "500", LineHeight = "1.5" },
            Button = new ButtonTypography { TextTransform = "none", FontWeight = "500" },
        },
        LayoutProperties = new LayoutProperties { DefaultBorderRadius = "6px", DrawerWidthLeft = "248px" },
    };
}
