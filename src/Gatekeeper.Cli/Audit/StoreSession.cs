using System.Data.Common;
using Gatekeeper.Data;
using Gatekeeper.Data.Audit;
using Gatekeeper.Data.Audit.Alerts;
using Gatekeeper.Data.Audit.Archiving;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Gatekeeper.Cli.Audit;

/// <summary>The services of one store for one command, with its settings checked up front.</summary>
internal sealed class StoreSession(ServiceProvider services, string dataFolder) : IAsyncDisposable
{
    public string DataFolder { get; } = dataFolder;

    public T Get<T>() where T : notnull => services.GetRequiredService<T>();

    /// <summary>Null when every setting is valid, else the problems (each naming its setting).</summary>
    public string? CheckSettings()
    {
        try
        {
            _ = Get<IOptions<DatabaseOptions>>().Value;
            _ = Get<IOptions<AuditOptions>>().Value;
            _ = Get<IOptions<AuditRetentionOptions>>().Value;
            _ = Get<IOptions<AuditConsoleOptions>>().Value;
            _ = Get<IOptions<AuditAlertOptions>>().Value;
            return null;
        }
        catch (OptionsValidationException ex)
        {
            return string.Join(Environment.NewLine, ex.Failures);
        }
    }

    public string Where => StoreArguments.Describe(Get<IOptions<DatabaseOptions>>().Value, DataFolder);

    /// <summary>Whether an exception means the store could not be reached or read (rather than a bug).</summary>
    public static bool IsStoreProblem(Exception ex) =>
        ex is DbException or InvalidOperationException { InnerException: DbException } or Microsoft.EntityFrameworkCore.DbUpdateException or TimeoutException;

    public ValueTask DisposeAsync() => services.DisposeAsync();
}
