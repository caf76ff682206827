using Gatekeeper.Data.Consent;
using Gatekeeper.Data.Tests.Support;
using Gatekeeper.Ingest.Consent;
using Gatekeeper.Testing.Consent;

namespace Gatekeeper.Data.Tests.Onboarding;

/// <summary>The store's consent registry on SQLite under the contract the file registry meets.</summary>
public sealed class SqliteConsentContractTests(SqliteStoreFixture fixture) : ConsentRegistryContract, IClassFixture<SqliteStoreFixture>
{
    protected override IConsentRegistry Registry => fixture.Store.Get<EfConsentRegistry>();
}

/// <summary>The store's consent registry on PostgreSQL under the same contract.</summary>
public sealed class PostgresConsentContractTests(PostgresStoreFixture fixture) : ConsentRegistryContract, IClassFixture<PostgresStoreFixture>
{
    protected override IConsentRegistry Registry => fixture.Store.Get<EfConsentRegistry>();
}
