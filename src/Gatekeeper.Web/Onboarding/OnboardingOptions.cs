using System.ComponentModel.DataAnnotations;
using Gatekeeper.Ingest.Pseudonymisation;

namespace Gatekeeper.Web.Onboarding;

/// <summary>Configuration section <c>Gatekeeper:Onboarding</c>: where consent lives, how uploads are handled, the first-run demo import.</summary>
public sealed class OnboardingOptions
{
    public const string Section = "Gatekeeper:Onboarding";

    /// <summary>Database (default: the gatekeeper's store, with the consent API) or File (consent/&lt;dataset&gt;.jsonl, as the CLI uses).</summary>
    public ConsentStore ConsentStore { get; set; } = ConsentStore.Database;

    /// <summary>What happens to an uploaded holder file after a committed import; Encrypt keeps it under the dataset's raw-file key.</summary>
    public RawFilePolicy RawFiles { get; set; } = RawFilePolicy.Encrypt;

    /// <summary>Largest holder file the portal and API accept (bytes).</summary>
    [Range(1024, long.MaxValue)]
    public long MaxUploadBytes { get; set; } = 2L * 1024 * 1024 * 1024;

    /// <summary>Share of rows that may break rules before a file is refused whole.</summary>
    [Range(0.0, 1.0)]
    public double MaxErrorRate { get; set; } = 0.01;

    /// <summary>On a demo-seeded first run, generate the synthetic programme and import it through the importer.</summary>
    public bool DemoImport { get; set; } = true;

    [Range(1, 200_000)]
    public int DemoParticipants { get; set; } = 2000;

    public ulong DemoSeed { get; set; } = 20250401;
}
