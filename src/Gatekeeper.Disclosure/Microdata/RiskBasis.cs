namespace Gatekeeper.Disclosure.Microdata;

/// <summary>What the journalist and marketer risks assume about the population.</summary>
public enum RiskBasis
{
    /// <summary>The data is the whole population: population class size F = sample class size f.</summary>
    DataIsPopulation,

    /// <summary>The data is a sample with the policy's sampling fraction π: F is estimated as f/π.</summary>
    SamplingFraction,
}
