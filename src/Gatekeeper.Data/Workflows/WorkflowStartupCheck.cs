using Gatekeeper.Workflows.Definitions;
using Gatekeeper.Workflows.Letters;
using Gatekeeper.Workflows.Risk;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Gatekeeper.Data.Workflows;

/// <summary>
/// Loads the workflow definitions, the risk policy and the letter templates when the host starts, so a
/// file that does not validate stops the application at once with its file, line and reason.
/// </summary>
public sealed class WorkflowStartupCheck(IServiceProvider services, ILogger<WorkflowStartupCheck> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var catalog = services.GetRequiredService<WorkflowCatalog>();
        var risk = services.GetRequiredService<RiskPolicy>();
        services.GetRequiredService<DecisionLetterRenderer>();
        foreach (var definition in catalog.Current)
            logger.LogInformation("Workflow {Workflow} loaded from {File}, version {Version}", definition.Id, definition.FileName, definition.Sha256[..12]);
        logger.LogInformation("Risk policy {Version} loaded, version {Sha}", risk.Version, risk.Sha256[..12]);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
