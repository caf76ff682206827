using Gatekeeper.Data.Tests.Suites;
using Gatekeeper.Data.Tests.Support;

namespace Gatekeeper.Data.Tests.Sqlite;

public sealed class SeedTests(SqliteStoreFixture store) : SeedSuite<SqliteStoreFixture>(store);
