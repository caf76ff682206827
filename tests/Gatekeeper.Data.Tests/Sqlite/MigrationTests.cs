using Gatekeeper.Data.Tests.Suites;
using Gatekeeper.Data.Tests.Support;

namespace Gatekeeper.Data.Tests.Sqlite;

public sealed class MigrationTests(SqliteStoreFixture store) : MigrationSuite<SqliteStoreFixture>(store)
{
    protected override string UnreachableConnectionString => "Data Source=/proc/gatekeeper-missing/folder/gatekeeper.db;Mode=ReadWrite";
}
