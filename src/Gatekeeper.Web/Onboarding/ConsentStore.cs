namespace Gatekeeper.Web.Onboarding;

/// <summary>Where the consent registry is kept.</summary>
public enum ConsentStore
{
    /// <summary>The gatekeeper's store (SQLite or PostgreSQL), with the data stewards' consent API.</summary>
    Database,

    /// <summary>JSON lines in the data folder, as the CLI and benchmarks use; the consent API is then read-only to the file.</summary>
    File,
}
