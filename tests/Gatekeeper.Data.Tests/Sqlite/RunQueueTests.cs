using Gatekeeper.Data.Tests.Runs;
using Gatekeeper.Data.Tests.Support;

namespace Gatekeeper.Data.Tests.Sqlite;

public sealed class RunQueueTests(SqliteStoreFixture store) : RunQueueSuite<SqliteStoreFixture>(store);
