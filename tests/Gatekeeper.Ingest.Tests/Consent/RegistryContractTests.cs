using Gatekeeper.Ingest.Consent;
using Gatekeeper.Ingest.Storage;
using Gatekeeper.Testing.Consent;

namespace Gatekeeper.Ingest.Tests.Consent;

/// <summary>The file registry (the CLI's and benchmarks') under the contract every consent registry meets.</summary>
public sealed class FileConsentRegistryContractTests : ConsentRegistryContract, IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "gk-consent-contract", Guid.NewGuid().ToString("N"));

    public FileConsentRegistryContractTests() => Registry = new FileConsentRegistry(new DataLayout(_root));

    protected override IConsentRegistry Registry { get; }

    public void Dispose()
    {
        if (Directory.Exists(_root)) Directory.Delete(_root, recursive: true);
    }
}

/// <summary>The in-memory registry under the same contract.</summary>
public sealed class InMemoryConsentRegistryContractTests : ConsentRegistryContract
{
    protected override IConsentRegistry Registry { get; } = new InMemoryConsentRegistry();
}
