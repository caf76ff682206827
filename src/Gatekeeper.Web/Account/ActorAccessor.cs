using Gatekeeper.Domain.Common;
using Microsoft.AspNetCore.Components.Authorization;

namespace Gatekeeper.Web.Account;

/// <summary>Gives components the signed-in actor from the circuit's authentication state.</summary>
public sealed class ActorAccessor(AuthenticationStateProvider authenticationState)
{
    public async Task<Actor> GetRequiredActorAsync()
    {
        var state = await authenticationState.GetAuthenticationStateAsync();
        return state.User.ToActor() ?? throw new InvalidOperationException("No signed-in user; the page should have required authorisation.");
    }
}
