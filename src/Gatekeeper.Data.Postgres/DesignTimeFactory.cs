using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Gatekeeper.Data.Postgres;

/// <summary>Lets <c>dotnet ef migrations add</c> build the PostgreSQL model without a running host or server.</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<GatekeeperDbContext>
{
    public GatekeeperDbContext CreateDbContext(string[] args)
    {
        var builder = new DbContextOptionsBuilder<GatekeeperDbContext>();
        GatekeeperDataExtensions.Configure(builder, new DatabaseOptions { Provider = DatabaseProvider.Postgres, ConnectionString = "Host=127.0.0.1;Database=gatekeeper_design" }, ".");
        return new GatekeeperDbContext(builder.Options);
    }
}
