using Microsoft.Extensions.Options;

namespace Gatekeeper.Data.Audit;

/// <summary>Creates <see cref="AuditReadContext"/>s on a read-only connection to the configured store.</summary>
public sealed class AuditReadContextFactory(IOptions<DatabaseOptions> database, DataFolder dataFolder)
{
    private readonly Lazy<Microsoft.EntityFrameworkCore.DbContextOptions<AuditReadContext>> _options =
        new(() => AuditReadContext.CreateOptions(database.Value, dataFolder.Path));

    public AuditReadContext Create() => new(_options.Value);
}
