namespace Gatekeeper.Disclosure.Privacy.Budget;

/// <summary>How a permit accounts its privacy budget.</summary>
public enum PrivacyBudgetModel
{
    /// <summary>(ε, δ) with basic sequential composition: the ε and δ of every release add up.</summary>
    ApproximateDp,

    /// <summary>ρ-zCDP (δ-approximate when partition selection is used): ρ and δ add up; the total is shown as (ε, δ) by the CKS20 conversion.</summary>
    ZeroConcentratedDp,
}
