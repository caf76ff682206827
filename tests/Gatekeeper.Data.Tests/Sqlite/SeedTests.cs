using Gatekeeper.Data.Tests.Suites;

namespace Gatekeeper.Data.Tests.Sqlite;

public sealed class SeedTests : SeedSuite
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}
