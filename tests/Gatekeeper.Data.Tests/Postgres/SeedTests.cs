using Gatekeeper.Data.Tests.Suites;
using Gatekeeper.Data.Tests.Support;

namespace Gatekeeper.Data.Tests.Postgres;

public sealed class SeedTests(PostgresStoreFixture store) : SeedSuite<PostgresStoreFixture>(store);
