using Gatekeeper.Data.Tests.Suites;
using Gatekeeper.Data.Tests.Support;

namespace Gatekeeper.Data.Tests.Sqlite;

public sealed class ApplicationServiceTests(SqliteStoreFixture store) : ApplicationServiceSuite<SqliteStoreFixture>(store);
