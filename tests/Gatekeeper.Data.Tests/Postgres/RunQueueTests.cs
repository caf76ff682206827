using Gatekeeper.Data.Tests.Runs;
using Gatekeeper.Data.Tests.Support;

namespace Gatekeeper.Data.Tests.Postgres;

public sealed class RunQueueTests(PostgresStoreFixture store) : RunQueueSuite<PostgresStoreFixture>(store);
