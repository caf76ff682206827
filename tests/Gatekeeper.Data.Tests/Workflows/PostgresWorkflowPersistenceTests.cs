using Gatekeeper.Data.Tests.Support;

namespace Gatekeeper.Data.Tests.Workflows;

public sealed class PostgresWorkflowPersistenceTests(PostgresStoreFixture store) : WorkflowPersistenceSuite<PostgresStoreFixture>(store);
