using Gatekeeper.Data;
using Gatekeeper.Data.Workflows;
using Gatekeeper.Testing;
using Gatekeeper.Workflows.Definitions;
using Gatekeeper.Workflows.Tests.Support;
using Microsoft.Extensions.Hosting;

namespace Gatekeeper.Workflows.Tests.Store;

/// <summary>The application does not start with a definition that does not validate.</summary>
public sealed class StartupTests
{
    [Fact]
    public async Task A_host_with_an_invalid_definition_stops_at_start_naming_file_line_and_reason()
    {
        var folder = Directory.CreateTempSubdirectory("gk-start-").FullName;
        try
        {
            var yaml = File.ReadAllText(Path.Combine(RepositoryPaths.Workflows, "secondary-use-review.yaml"))
                .Replace("role: data-steward\n      sla: P10D", "role: data-stewart\n      sla: P10D", StringComparison.Ordinal);
            File.WriteAllText(Path.Combine(folder, "secondary-use-review.yaml"), yaml);
            await using var host = WorkflowHost.Build(folder, DatabaseProvider.Sqlite, null, TimeProvider.System, workflowFolder: folder);

            // What the generic host does at start: build the hosted services, start each.
            var ex = await Assert.ThrowsAsync<WorkflowDefinitionException>(async () =>
            {
                foreach (var service in host.Get<IEnumerable<IHostedService>>().OfType<WorkflowStartupCheck>())
                    await service.StartAsync(CancellationToken.None);
            });

            var line = Support.Definitions.LineOf(yaml, "role: data-stewart");
            Assert.Contains($"secondary-use-review.yaml:{line}: unknown role 'data-stewart'", ex.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task A_host_with_the_shipped_files_starts()
    {
        await using var store = await TestStore.CreateAsync(DatabaseProvider.Sqlite, seed: false);
        await using var host = WorkflowHost.Over(store);

        await host.Get<IEnumerable<IHostedService>>().OfType<WorkflowStartupCheck>().Single().StartAsync(CancellationToken.None);

        Assert.Equal(2, host.Runtime.Catalog.Current.Count);
    }
}
