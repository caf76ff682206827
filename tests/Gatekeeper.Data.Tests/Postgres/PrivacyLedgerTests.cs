using Gatekeeper.Data.Tests.Suites;
using Gatekeeper.Data.Tests.Support;

namespace Gatekeeper.Data.Tests.Postgres;

public sealed class PrivacyLedgerTests(PostgresStoreFixture store) : PrivacyLedgerSuite<PostgresStoreFixture>(store);
