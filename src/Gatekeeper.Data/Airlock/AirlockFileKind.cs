namespace Gatekeeper.Data.Airlock;

/// <summary>Which file of an airlock output to open.</summary>
public enum AirlockFileKind
{
    Parquet,
    Csv,
    Shadow,
}
