namespace Gatekeeper.Domain.Policies;

/// <summary>Text in English and Japanese, chosen by the UI culture.</summary>
public sealed record LocalisedText(string En, string Ja)
{
    public string For(string cultureName) =>
        cultureName.StartsWith("ja", StringComparison.OrdinalIgnoreCase) ? Ja : En;
}
