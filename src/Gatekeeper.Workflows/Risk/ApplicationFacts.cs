using Gatekeeper.Domain.Applications;
using Gatekeeper.Domain.Catalogue;
using Gatekeeper.Domain.Organisations;
using Gatekeeper.Domain.Policies;
using Gatekeeper.Workflows.Definitions;
using Gatekeeper.Workflows.Guards;

namespace Gatekeeper.Workflows.Risk;

/// <summary>The guard facts of a submitted application: tier, purpose, sensitivity of what it asks for, linkage.</summary>
public static class ApplicationFacts
{
    public static GuardFacts Of(SecondaryUseApplication application, ICatalogue catalogue, PurposePolicy purposes, Organisation organisation)
    {
        var variables = application.Datasets
            .SelectMany(d => d.Variables.Select(v => catalogue.Find(d.DatasetId)?.FindVariable(v.Table, v.Name)))
            .ToList();
        var categories = variables.Select(v => v?.SpecialCategory).OfType<string>().Where(c => c.Length > 0).Distinct().Order(StringComparer.Ordinal).ToList();
        return new GuardFacts()
            .Set("tier", WorkflowSubjects.TierCode(application.RequestedTier ?? OutputTier.AggregateStatistics))
            .Set("purpose", application.PurposeCategory ?? "")
            .Set("commercial", purposes.FindPurpose(application.PurposeCategory)?.Commercial ?? false)
            .Set("certified_operator", organisation.IsCertifiedOperator)
            .Set("datasets", application.Datasets.Count)
            .Set("variables", variables.Count)
            .Set("sensitive_variables", variables.Count(v => v?.Sensitivity == VariableSensitivity.Sensitive))
            .Set("special_categories", categories)
            .Set("special_category", categories.Count > 0)
            .Set("linkage", application.Datasets.Select(d => d.DatasetId).Distinct().Count() > 1);
    }
}
