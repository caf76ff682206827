using Gatekeeper.Domain.Applications;
using Gatekeeper.Domain.Tests.Support;

namespace Gatekeeper.Domain.Tests.Applications;

/// <summary>Pseudonymised microdata (仮名加工) is only for certified operators; everyone may ask for statistics or anonymised data.</summary>
public sealed class TierRuleTests
{
    [Theory]
    [InlineData(OutputTier.AggregateStatistics)]
    [InlineData(OutputTier.AnonymisedMicrodata)]
    public void Any_organisation_may_ask_for_statistics_or_anonymised_microdata(OutputTier tier)
    {
        ExpectErrors.None(Drafts.CheckSubmission(Drafts.Complete() with { RequestedTier = tier }, World.Hospital));
    }

    [Fact]
    public void An_organisation_that_is_not_a_certified_operator_may_not_ask_for_pseudonymised_microdata()
    {
        Assert.False(World.Hospital.IsCertifiedOperator);

        var errors = Drafts.CheckSubmission(Drafts.Complete() with { RequestedTier = OutputTier.PseudonymisedMicrodata }, World.Hospital);

        ExpectErrors.HasOnly(errors, "requestedTier", "tier-requires-certified-operator");
        Assert.Equal(World.Hospital.Name, errors[0].Args["organisation"]);
    }

    [Fact]
    public void A_certified_operator_organisation_may_ask_for_pseudonymised_microdata()
    {
        Assert.True(World.CertifiedOperator.IsCertifiedOperator);

        ExpectErrors.None(Drafts.CheckSubmission(Drafts.Complete() with { RequestedTier = OutputTier.PseudonymisedMicrodata }, World.CertifiedOperator));
    }

    [Fact]
    public void A_tier_value_outside_the_known_tiers_is_refused()
    {
        ExpectErrors.HasOnly(Drafts.CheckSubmission(Drafts.Complete() with { RequestedTier = (OutputTier)42 }), "requestedTier", "unknown-tier");
    }
}
