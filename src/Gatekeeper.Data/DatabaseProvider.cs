namespace Gatekeeper.Data;

public enum DatabaseProvider
{
    /// <summary>Embedded default: a file in the data folder, created on first run.</summary>
    Sqlite,

    /// <summary>Production store selected by a connection string.</summary>
    Postgres,
}
