namespace Gatekeeper.Data.Seeding;

/// <summary>Configuration section <c>Gatekeeper:Demo</c>.</summary>
public sealed class DemoSeedOptions
{
    public const string Section = "Gatekeeper:Demo";

    /// <summary>Seed the demo directory, catalogue and sample applications into an empty store.</summary>
    public bool Seed { get; set; }
}
