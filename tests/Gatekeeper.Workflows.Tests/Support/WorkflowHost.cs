using Gatekeeper.Data;
using Gatekeeper.Data.Workflows;
using Gatekeeper.Policies;
using Gatekeeper.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Gatekeeper.Workflows.Tests.Support;

/// <summary>
/// The product's services (data, policies, workflows) over an existing store, as a process would build
/// them at start. Disposing it and building another over the same store is a restart.
/// </summary>
public sealed class WorkflowHost : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private WorkflowHost(ServiceProvider services) => _services = services;

    public T Get<T>() where T : notnull => _services.GetRequiredService<T>();

    public ReviewWorkflowService Reviews => Get<ReviewWorkflowService>();

    public WorkflowRuntime Runtime => Get<WorkflowRuntime>();

    public Task<GatekeeperDbContext> DbAsync() => Get<IDbContextFactory<GatekeeperDbContext>>().CreateDbContextAsync();

    /// <summary>Services over the store of a <see cref="TestStore"/>, on its clock.</summary>
    public static WorkflowHost Over(TestStore store, string? workflowFolder = null, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var database = store.Get<IOptions<DatabaseOptions>>().Value;
        return Build(store.DataFolder, database.Provider, database.ConnectionString, store.Time, workflowFolder, settings);
    }

    public static WorkflowHost Build(
        string dataFolder, DatabaseProvider provider, string? connectionString, TimeProvider time, string? workflowFolder = null,
        IReadOnlyDictionary<string, string?>? settings = null, LogLevel logLevel = LogLevel.Warning)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Gatekeeper:Database:Provider"] = provider.ToString(),
            ["Gatekeeper:Database:ConnectionString"] = connectionString,
            ["Gatekeeper:Database:MigrateOnStartup"] = "false",
            ["Gatekeeper:Demo:Seed"] = "false",
            ["Gatekeeper:Policies:Folder"] = RepositoryPaths.Policies,
            ["Gatekeeper:Workflows:Folder"] = workflowFolder ?? RepositoryPaths.Workflows,
        }).AddInMemoryCollection(settings ?? new Dictionary<string, string?>()).Build();

        var services = new ServiceCollection()
            .AddLogging(b => b.SetMinimumLevel(logLevel))
            .AddSingleton(time)
            .AddSingleton<IConfiguration>(configuration)
            .AddGatekeeperPolicies(configuration)
            .AddSingleton(new DataFolder(dataFolder))
            .AddGatekeeperData(configuration)
            .AddGatekeeperWorkflows(configuration)
            .BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
        return new WorkflowHost(services);
    }

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}
