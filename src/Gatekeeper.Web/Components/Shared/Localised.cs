using System.Globalization;
using Gatekeeper.Domain.Catalogue;
using Gatekeeper.Domain.Organisations;
using Gatekeeper.Domain.Policies;

namespace Gatekeeper.Web.Components.Shared;

/// <summary>Chooses the Japanese or English text of catalogue, directory and policy data by the UI culture.</summary>
public static class Localised
{
    public static bool IsJapanese => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "ja";

    public static string Pick(string english, string? japanese) =>
        IsJapanese && !string.IsNullOrWhiteSpace(japanese) ? japanese : english;

    public static string Text(LocalisedText text) => text.For(CultureInfo.CurrentUICulture.Name);

    public static string Name(Dataset dataset) => Pick(dataset.Name, dataset.NameJa);

    public static string Description(Dataset dataset) => Pick(dataset.Description, dataset.DescriptionJa);

    public static string Label(DatasetVariable variable) => Pick(variable.Label, variable.LabelJa);

    public static string Name(Organisation organisation) => Pick(organisation.Name, organisation.NameJa);

    /// <summary>The purpose's name, or its code when the policy no longer lists it.</summary>
    public static string Purpose(PurposePolicy policy, string? code) =>
        policy.FindPurpose(code) is { } purpose ? Text(purpose.Name) : code ?? "—";
}
