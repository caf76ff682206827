using Gatekeeper.Data;
using Gatekeeper.Testing;

namespace Gatekeeper.Audit.Tests;

/// <summary>One store per provider with <see cref="PermitScenario"/> written, shared by the console read tests (which only read).</summary>
public abstract class ConsoleFixture(DatabaseProvider provider) : IAsyncLifetime
{
    private TestStore? _store;

    public TestStore Store => _store ?? throw new InvalidOperationException("Not initialised.");

    /// <summary>When the scenario started.</summary>
    public DateTimeOffset T0 { get; private set; }

    public async Task InitializeAsync()
    {
        _store = await TestStore.CreateAsync(provider, seed: false, new Dictionary<string, string?>
        {
            ["Gatekeeper:Audit:Console:CountLimit"] = "100",
            ["Gatekeeper:Audit:CheckpointEveryEntries"] = "25",
        });
        T0 = await PermitScenario.WriteAsync(_store);
    }

    public async Task DisposeAsync()
    {
        if (_store is not null) await _store.DisposeAsync();
    }
}

public sealed class SqliteConsoleFixture() : ConsoleFixture(DatabaseProvider.Sqlite);

public sealed class PostgresConsoleFixture() : ConsoleFixture(DatabaseProvider.Postgres);
