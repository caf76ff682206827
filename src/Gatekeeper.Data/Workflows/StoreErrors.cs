using Microsoft.EntityFrameworkCore;

namespace Gatekeeper.Data.Workflows;

/// <summary>Recognises the store's refusals that mean "someone else did it first".</summary>
internal static class StoreErrors
{
    public static bool IsUniqueViolation(DbUpdateException ex) => ex.InnerException switch
    {
        Microsoft.Data.Sqlite.SqliteException sqlite => sqlite.SqliteErrorCode == 19 && sqlite.SqliteExtendedErrorCode is 2067 or 1555,
        Npgsql.PostgresException postgres => postgres.SqlState == Npgsql.PostgresErrorCodes.UniqueViolation,
        _ => false,
    };
}
