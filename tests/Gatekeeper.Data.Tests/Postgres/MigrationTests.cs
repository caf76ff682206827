using Gatekeeper.Data.Tests.Suites;

namespace Gatekeeper.Data.Tests.Postgres;

public sealed class MigrationTests : MigrationSuite
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;

    protected override string UnreachableConnectionString => "Host=127.0.0.1;Port=1;Username=nobody;Password=none;Database=none;Timeout=3";
}
