using Gatekeeper.Data.Tests.Outputs;
using Gatekeeper.Data.Tests.Support;

namespace Gatekeeper.Data.Tests.Sqlite;

public sealed class ReleaseTests(SqliteStoreFixture store) : ReleaseSuite<SqliteStoreFixture>(store);
