using Gatekeeper.Data.Permits;
using Gatekeeper.Policies;
using Gatekeeper.Workflows.Definitions;
using Gatekeeper.Workflows.Letters;
using Gatekeeper.Workflows.Notifications;
using Gatekeeper.Workflows.Risk;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Gatekeeper.Data.Workflows;

public static class GatekeeperWorkflowsExtensions
{
    /// <summary>
    /// Registers the review workflows: definitions from <c>Gatekeeper:Workflows:Folder</c> (default: <c>workflows/</c>
    /// beside the policy folder), the risk policy and letter templates from the policy folder, the engine and its
    /// services, mail (<c>Gatekeeper:Mail</c>) and the background service that fires timers. Needs
    /// <c>AddGatekeeperPolicies</c> and <c>AddGatekeeperData</c>. An invalid definition stops the application at
    /// start with every problem's file, line and reason.
    /// </summary>
    public static IServiceCollection AddGatekeeperWorkflows(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<WorkflowOptions>()
            .Bind(configuration.GetSection(WorkflowOptions.Section))
            .ValidateDataAnnotations()
            .Validate(o => o.PollInterval > TimeSpan.Zero, $"{WorkflowOptions.Section}:PollInterval must be positive.")
            .Validate(o => o.DefaultDelta is null or (>= 0 and < 1), $"{WorkflowOptions.Section}:DefaultDelta must be at least 0 and below 1.")
            .ValidateOnStart();
        services.AddOptions<MailOptions>()
            .Bind(configuration.GetSection(MailOptions.Section))
            .ValidateDataAnnotations()
            .Validate(o => o.Delivery != MailDelivery.Smtp || !string.IsNullOrWhiteSpace(o.SmtpHost), $"{MailOptions.Section}:SmtpHost is required when Delivery is Smtp.")
            .ValidateOnStart();

        services.AddSingleton(sp => WorkflowCatalog.LoadFolder(WorkflowFolder(sp)));
        services.AddSingleton(sp => RiskPolicyLoader.Load(Path.Combine(PolicyFolder(sp), RiskPolicyLoader.FileName)));
        services.AddSingleton(sp => new DecisionLetterRenderer(Path.Combine(PolicyFolder(sp), DecisionLetterRenderer.TemplateFolderName)));
        services.AddSingleton(sp =>
        {
            var mail = sp.GetRequiredService<IOptions<MailOptions>>().Value;
            var folder = Path.IsPathRooted(mail.PickupFolder) ? mail.PickupFolder : sp.GetRequiredService<DataFolder>().Combine(mail.PickupFolder);
            System.IO.Directory.CreateDirectory(folder);
            return new MailSender(mail, folder);
        });
        services.AddSingleton<WorkflowRuntime>();
        services.AddSingleton<ReviewWorkflowService>();
        services.AddSingleton<ReviewQueueService>();
        services.AddSingleton<NotificationService>();
        services.AddSingleton<DecisionLetterService>();
        services.AddSingleton<PermitService>();
        services.AddSingleton<MailOutbox>();
        services.AddSingleton<WorkflowMaintenance>();
        services.AddHostedService<WorkflowStartupCheck>();
        services.AddHostedService<WorkflowBackgroundService>();
        return services;
    }

    /// <summary>The configured workflow folder, or <c>workflows/</c> beside the policy folder.</summary>
    public static string WorkflowFolder(IServiceProvider services)
    {
        var configured = services.GetRequiredService<IOptions<WorkflowOptions>>().Value.Folder;
        return string.IsNullOrWhiteSpace(configured)
            ? Path.GetFullPath(Path.Combine(PolicyFolder(services), "..", "workflows"))
            : configured;
    }

    private static string PolicyFolder(IServiceProvider services) => services.GetRequiredService<IOptions<PolicyOptions>>().Value.Folder;
}
