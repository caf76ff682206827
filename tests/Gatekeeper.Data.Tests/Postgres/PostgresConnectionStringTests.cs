using Npgsql;

namespace Gatekeeper.Data.Tests.Postgres;

/// <summary>The store's PostgreSQL connections prepare their frequent statements automatically, unless configured otherwise.</summary>
public sealed class PostgresConnectionStringTests
{
    [Fact]
    public void Automatic_preparation_is_on_by_default_and_an_operators_setting_wins()
    {
        var defaulted = new NpgsqlConnectionStringBuilder(GatekeeperDataExtensions.PostgresConnectionString("Host=db;Database=gk;Username=gk"));
        Assert.Equal((64, 2, "db", "gk"), (defaulted.MaxAutoPrepare, defaulted.AutoPrepareMinUsages, defaulted.Host, defaulted.Database));

        var configured = new NpgsqlConnectionStringBuilder(GatekeeperDataExtensions.PostgresConnectionString("Host=db;Database=gk;Max Auto Prepare=0"));
        Assert.Equal(0, configured.MaxAutoPrepare);
    }
}
