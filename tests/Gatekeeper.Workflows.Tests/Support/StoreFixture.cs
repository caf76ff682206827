using Gatekeeper.Data;
using Gatekeeper.Testing;

namespace Gatekeeper.Workflows.Tests.Support;

/// <summary>A demo-seeded SQLite store with the workflow services over it, shared by one test class.</summary>
public sealed class StoreFixture : IAsyncLifetime
{
    private TestStore? _store;
    private WorkflowHost? _host;

    public TestStore Store => _store ?? throw new InvalidOperationException("Not initialised.");

    public WorkflowHost Host => _host ?? throw new InvalidOperationException("Not initialised.");

    public async Task InitializeAsync()
    {
        _store = await TestStore.CreateAsync(DatabaseProvider.Sqlite);
        _host = WorkflowHost.Over(_store);
    }

    public async Task DisposeAsync()
    {
        if (_host is not null) await _host.DisposeAsync();
        if (_store is not null) await _store.DisposeAsync();
    }
}
