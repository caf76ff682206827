namespace Gatekeeper.Ingest.Exchange;

/// <summary>Character encoding of a holder's CSV file.</summary>
public enum InputEncoding
{
    /// <summary>UTF-8 when the file starts with a BOM or its first megabytes are valid UTF-8, otherwise Shift_JIS.</summary>
    Auto,
    Utf8,
    ShiftJis,
}
