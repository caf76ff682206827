using Gatekeeper.Domain.Accreditation;
using Gatekeeper.Domain.Policies;
using Gatekeeper.Policies.Accreditation;
using Gatekeeper.Policies.Purposes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Gatekeeper.Policies;

public static class GatekeeperPoliciesExtensions
{
    /// <summary>
    /// Registers the policies, loaded once at start-up from <c>Gatekeeper:Policies:Folder</c>.
    /// A missing or malformed file stops the application with a message naming it.
    /// </summary>
    public static IServiceCollection AddGatekeeperPolicies(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<PolicyOptions>()
            .Bind(configuration.GetSection(PolicyOptions.Section))
            .Validate(o => Directory.Exists(o.Folder), $"{PolicyOptions.Section}:Folder must name an existing folder of policy files.")
            .Validate(o => File.Exists(Path.Combine(o.Folder, PurposePolicyLoader.FileName)),
                $"{PolicyOptions.Section}:Folder must contain {PurposePolicyLoader.FileName}.")
            .ValidateOnStart();
        services.AddSingleton<PurposePolicy>(sp =>
            PurposePolicyLoader.Load(Path.Combine(sp.GetRequiredService<IOptions<PolicyOptions>>().Value.Folder, PurposePolicyLoader.FileName)));
        services.AddSingleton<AccreditationPolicy>(sp =>
            AccreditationPolicyLoader.Load(Path.Combine(sp.GetRequiredService<IOptions<PolicyOptions>>().Value.Folder, AccreditationPolicyLoader.FileName)));
        return services;
    }

    /// <summary>Finds the repository's <c>policies/</c> folder by walking up from <paramref name="start"/>.</summary>
    public static string? FindPolicyFolder(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "policies");
            if (File.Exists(Path.Combine(candidate, PurposePolicyLoader.FileName))) return candidate;
        }

        return null;
    }
}
