using Gatekeeper.Data;
using Gatekeeper.Disclosure.Policies;
using Gatekeeper.Domain.Policies;
using Gatekeeper.Ingest;
using Gatekeeper.Ingest.Pseudonymisation;
using Gatekeeper.Policies;
using Gatekeeper.VisitingEnvironment;
using Gatekeeper.VisitingEnvironment.Sandbox;
using Microsoft.Extensions.Options;

namespace Gatekeeper.Web.Runs;

/// <summary>
/// Runs in the portal: ingest's stores (analysis tables, consent, keys) and the visiting environment (sandboxed
/// executor, section <c>VisitingEnvironment</c>; runs folder defaults to <c>&lt;data&gt;/runs</c>), the run worker pool
/// (section <c>Gatekeeper:Runs</c>), the airlock writer, the run page's services and the demo permit.
/// </summary>
public static class RunsRegistration
{
    public static WebApplicationBuilder AddGatekeeperRuns(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddGatekeeperIngest(
            sp => sp.GetRequiredService<DataFolder>().Path,
            sp => CoarseningPolicyLoader.Load(Path.Combine(sp.GetRequiredService<IOptions<PolicyOptions>>().Value.Folder, CoarseningPolicyLoader.RelativePath)),
            sp => sp.GetRequiredService<PurposePolicy>().Purposes.Select(p => p.Code).ToHashSet(StringComparer.Ordinal));
        services.AddOptions<VisitingEnvironmentOptions>().Bind(builder.Configuration.GetSection(VisitingEnvironmentOptions.Section));
        services.AddOptions<VisitingEnvironmentOptions>().PostConfigure<DataFolder>((o, data) =>
        {
            if (string.IsNullOrWhiteSpace(o.RunsFolder)) o.RunsFolder = data.Combine("runs");
        });
        services.AddGatekeeperVisitingEnvironment(_ => { });
        services.AddOptions<RunLimitOptions>().Bind(builder.Configuration.GetSection(RunLimitOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(sp => DisclosurePolicyCatalogue.LoadDirectory(Path.Combine(sp.GetRequiredService<IOptions<PolicyOptions>>().Value.Folder, "disclosure")));
        services.AddSingleton<RunSpecFactory>();
        services.AddSingleton<RunQueryCheck>();
        services.AddSingleton<Data.Runs.IRunQueryCheck>(sp => sp.GetRequiredService<RunQueryCheck>());
        services.AddSingleton<Outputs.MicrodataOutputCheck>();
        services.AddSingleton<Outputs.AutomatedOutputCheck>();
        services.AddSingleton<Outputs.OutputTableLoader>();
        services.AddSingleton<AirlockWriter>();
        services.AddSingleton<AirlockOrphans>();
        services.AddSingleton<DpAccuracyReader>();
        services.AddSingleton<RunExecution>();
        services.AddSingleton<RunSandboxState>();
        services.AddHostedService<DemoRunPermitStartup>();
        services.AddHostedService<RunWorkerService>();
        return builder;
    }
}
