using Gatekeeper.Data.Seeding;
using Gatekeeper.Domain.Common;

namespace Gatekeeper.Testing;

/// <summary>Actors for the seeded demo users.</summary>
public static class TestActors
{
    public static Actor For(string userId)
    {
        var u = DemoDirectory.Users.First(x => x.Id == userId);
        return new Actor(u.Id, u.DisplayName, u.Email, u.OrganisationId, u.Roles.ToHashSet());
    }

    /// <summary>University hospital researcher (not a certified operator).</summary>
    public static Actor Sato => For("researcher-sato");

    /// <summary>Health-venture researcher (another organisation).</summary>
    public static Actor Tanaka => For("researcher-tanaka");

    /// <summary>Researcher at a certified operator organisation.</summary>
    public static Actor Suzuki => For("researcher-suzuki");

    public static Actor Chair => For("chair-nakamura");

    public static Actor Steward => For("steward-ito");
}
