using Gatekeeper.Domain.Applications;
using Gatekeeper.Domain.Permits;

namespace Gatekeeper.Web.Components.Pages.Reviews;

/// <summary>
/// The permit terms the chair is about to grant, starting from exactly what was asked for. The chair may
/// narrow them (fewer variables, a lower tier, a shorter period, a smaller privacy budget); the permit
/// refuses anything wider when it is issued.
/// </summary>
public sealed class PermitTermsModel
{
    private readonly SecondaryUseApplication _application;
    private readonly DateOnly _today;

    public PermitTermsModel(SecondaryUseApplication application, PrivacyBudget? defaultBudget, DateOnly today)
    {
        _application = application;
        _today = today;
        var requested = PermitTerms.AsRequested(application, defaultBudget, today);
        Tier = requested.Tier;
        ValidFrom = requested.ValidFrom.ToDateTime(TimeOnly.MinValue);
        ValidUntil = requested.ValidUntil.ToDateTime(TimeOnly.MinValue);
        Epsilon = requested.PrivacyBudget?.Epsilon;
        Delta = requested.PrivacyBudget?.Delta;
        foreach (var dataset in requested.Datasets)
        foreach (var variable in dataset.Variables)
            Granted.Add(Key(dataset.DatasetId, variable));
    }

    /// <summary>Off: the permit grants what was asked for, with the default budget (no terms are sent).</summary>
    public bool Customise { get; set; }

    public OutputTier Tier { get; set; }

    public DateTime? ValidFrom { get; set; }

    public DateTime? ValidUntil { get; set; }

    public double? Epsilon { get; set; }

    public double? Delta { get; set; }

    /// <summary>Granted variables as <c>dataset/table.name</c>.</summary>
    public HashSet<string> Granted { get; } = new(StringComparer.Ordinal);

    public static string Key(string datasetId, PermittedVariable variable) => $"{datasetId}/{variable.QualifiedName}";

    /// <summary>The terms to send with the decision, or null when the chair grants exactly what was asked for.</summary>
    public PermitTerms? ToTerms()
    {
        if (!Customise) return null;
        return new PermitTerms
        {
            Tier = Tier,
            ValidFrom = ValidFrom is { } from ? DateOnly.FromDateTime(from) : _today,
            // A missing end date is refused by the permit ("before-start"), never silently filled in.
            ValidUntil = ValidUntil is { } until ? DateOnly.FromDateTime(until) : DateOnly.MinValue,
            PrivacyBudget = Epsilon is { } epsilon ? new PrivacyBudget(epsilon, Delta) : null,
            Datasets = _application.Datasets.Select(d => new PermittedDataset
            {
                DatasetId = d.DatasetId,
                Variables = d.Variables.Select(v => new PermittedVariable(v.Table, v.Name)).Where(v => Granted.Contains(Key(d.DatasetId, v))).ToList(),
            }).ToList(),
        };
    }
}
