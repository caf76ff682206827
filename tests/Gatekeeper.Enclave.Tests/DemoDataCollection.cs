namespace Gatekeeper.Enclave.Tests;

/// <summary>Tests sharing the imported demo data; they run one after another (each run starts DuckDB in a sandbox).</summary>
[CollectionDefinition(Name)]
public sealed class DemoDataCollection : ICollectionFixture<DemoDataFixture>
{
    public const string Name = "demo data";
}
