using Gatekeeper.Data.Workflows;
using Gatekeeper.Policies;
using Gatekeeper.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Gatekeeper.Data.Tests.Workflows;

/// <summary>The workflow services over a test store (same database, data folder and clock), as a second process would build them.</summary>
public sealed class WorkflowServices : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    public WorkflowServices(TestStore store)
    {
        var database = store.Get<IOptions<DatabaseOptions>>().Value;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Gatekeeper:Database:Provider"] = database.Provider.ToString(),
            ["Gatekeeper:Database:ConnectionString"] = database.ConnectionString,
            ["Gatekeeper:Policies:Folder"] = RepositoryPaths.Policies,
            ["Gatekeeper:Workflows:Folder"] = RepositoryPaths.Workflows,
        }).Build();
        _services = new ServiceCollection()
            .AddLogging(b => b.SetMinimumLevel(LogLevel.Warning))
            .AddSingleton<TimeProvider>(store.Time)
            .AddSingleton<IConfiguration>(configuration)
            .AddGatekeeperPolicies(configuration)
            .AddSingleton(new DataFolder(store.DataFolder))
            .AddGatekeeperData(configuration)
            .AddGatekeeperWorkflows(configuration)
            .BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
    }

    public T Get<T>() where T : notnull => _services.GetRequiredService<T>();

    public ReviewWorkflowService Reviews => Get<ReviewWorkflowService>();

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}
