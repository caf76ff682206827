using Gatekeeper.Data.Tests.Suites;

namespace Gatekeeper.Data.Tests.Sqlite;

public sealed class MigrationTests : MigrationSuite
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    protected override string UnreachableConnectionString => "Data Source=/proc/gatekeeper-missing/folder/gatekeeper.db;Mode=ReadWrite";
}
