using Gatekeeper.Data.Tests.Suites;

namespace Gatekeeper.Data.Tests.Postgres;

public sealed class SeedTests : SeedSuite
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}
