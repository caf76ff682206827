using Gatekeeper.Testing;

namespace Gatekeeper.Data.Tests.Support;

/// <summary>
/// One migrated, demo-seeded store shared by the tests of one class. Tests create their own
/// applications, so they do not depend on each other's data.
/// </summary>
public abstract class StoreFixture(DatabaseProvider provider) : IAsyncLifetime
{
    private TestStore? _store;

    public DatabaseProvider Provider { get; } = provider;

    public TestStore Store => _store ?? throw new InvalidOperationException("The store is not initialised.");

    /// <summary>Upload limit of the shared stores: small, so the size-limit tests stay fast.</summary>
    public const long MaxAttachmentBytes = 256 * 1024;

    public async Task InitializeAsync() =>
        _store = await TestStore.CreateAsync(Provider, seed: true, new Dictionary<string, string?>
        {
            ["Gatekeeper:Attachments:MaxBytes"] = MaxAttachmentBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });

    public async Task DisposeAsync()
    {
        if (_store is not null) await _store.DisposeAsync();
    }
}
