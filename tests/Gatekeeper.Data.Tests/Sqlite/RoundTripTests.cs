using Gatekeeper.Data.Tests.Suites;
using Gatekeeper.Data.Tests.Support;

namespace Gatekeeper.Data.Tests.Sqlite;

public sealed class RoundTripTests(SqliteStoreFixture store) : RoundTripSuite<SqliteStoreFixture>(store);
