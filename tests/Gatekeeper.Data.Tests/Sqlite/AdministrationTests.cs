using Gatekeeper.Data.Tests.Suites;
using Gatekeeper.Data.Tests.Support;

namespace Gatekeeper.Data.Tests.Sqlite;

public sealed class AdministrationTests(SqliteStoreFixture store) : AdministrationSuite<SqliteStoreFixture>(store);
