using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Gatekeeper.Data.Sqlite;

/// <summary>Lets <c>dotnet ef migrations add</c> build the SQLite model without a running host.</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<GatekeeperDbContext>
{
    public GatekeeperDbContext CreateDbContext(string[] args)
    {
        var builder = new DbContextOptionsBuilder<GatekeeperDbContext>();
        GatekeeperDataExtensions.Configure(builder, new DatabaseOptions { Provider = DatabaseProvider.Sqlite, ConnectionString = "Data Source=design-time.db" }, ".");
        return new GatekeeperDbContext(builder.Options);
    }
}
