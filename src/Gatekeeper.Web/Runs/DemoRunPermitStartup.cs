using Gatekeeper.Data.Runs;
using Gatekeeper.Data.Seeding;
using Microsoft.Extensions.Options;

namespace Gatekeeper.Web.Runs;

/// <summary>When the demo is seeded, issues the demo permit (see <see cref="DemoRunPermit"/>) at start-up.</summary>
internal sealed class DemoRunPermitStartup(DemoRunPermit demo, IOptions<DemoSeedOptions> seed, ILogger<DemoRunPermitStartup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!seed.Value.Seed) return;
        try
        {
            await demo.EnsureAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "The demo permit could not be issued");
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
