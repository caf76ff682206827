using Gatekeeper.Data.Tests.Suites;
using Gatekeeper.Data.Tests.Support;

namespace Gatekeeper.Data.Tests.Postgres;

public sealed class MigrationTests(PostgresStoreFixture store) : MigrationSuite<PostgresStoreFixture>(store)
{
    protected override string UnreachableConnectionString => "Host=127.0.0.1;Port=1;Username=nobody;Password=none;Database=none;Timeout=3";
}
