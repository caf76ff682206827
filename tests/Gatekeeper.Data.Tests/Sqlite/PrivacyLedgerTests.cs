using Gatekeeper.Data.Tests.Suites;
using Gatekeeper.Data.Tests.Support;

namespace Gatekeeper.Data.Tests.Sqlite;

public sealed class PrivacyLedgerTests(SqliteStoreFixture store) : PrivacyLedgerSuite<SqliteStoreFixture>(store);
