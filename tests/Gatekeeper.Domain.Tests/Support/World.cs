using Gatekeeper.Data.Catalogue;
using Gatekeeper.Data.Seeding;
using Gatekeeper.Domain.Catalogue;
using Gatekeeper.Domain.Common;
using Gatekeeper.Domain.Organisations;
using Gatekeeper.Domain.Policies;
using Gatekeeper.Policies.Purposes;
using Gatekeeper.Testing;

namespace Gatekeeper.Domain.Tests.Support;

/// <summary>
/// What the rules are checked against: the shipped purpose policy, the real diabetes-prevention
/// catalogue entry, the demo organisations, and a fixed clock.
/// </summary>
public static class World
{
    public static DateTimeOffset Now { get; } = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    public static DateOnly Today { get; } = DateOnly.FromDateTime(Now.UtcDateTime);

    public static PurposePolicy Policy { get; } = PurposePolicyLoader.Load(RepositoryPaths.Policies + "/" + PurposePolicyLoader.FileName);

    public static ICatalogue Catalogue { get; } = new CatalogueSnapshot([DiabetesPreventionCatalogue.Create()]);

    /// <summary>A university hospital: not a certified operator.</summary>
    public static Organisation Hospital { get; } = OrganisationOf(TestActors.Sato);

    /// <summary>A certified operator organisation (仮名加工医療利用事業者).</summary>
    public static Organisation CertifiedOperator { get; } = OrganisationOf(TestActors.Suzuki);

    public static Organisation OrganisationOf(Actor actor) =>
        DemoDirectory.Organisations.Single(o => o.Id == actor.OrganisationId);
}
