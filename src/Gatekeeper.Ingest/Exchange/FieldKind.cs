namespace Gatekeeper.Ingest.Exchange;

/// <summary>How a field of the exchange format is written in a holder's CSV file.</summary>
public enum FieldKind
{
    /// <summary>Free text up to <see cref="FieldSpec.MaxLength"/> characters.</summary>
    Text,

    /// <summary>One of the values of <see cref="FieldSpec.Codes"/>.</summary>
    Code,

    /// <summary>Unsigned integer with at most <see cref="FieldSpec.MaxLength"/> digits.</summary>
    Integer,

    /// <summary>Unsigned decimal with at most <see cref="FieldSpec.MaxLength"/> integer digits and <see cref="FieldSpec.FractionDigits"/> decimals (XXXX.X).</summary>
    Decimal,

    /// <summary>yyyyMMddHHmmss (14 digits), Japan Standard Time.</summary>
    DateTime14,

    /// <summary>yyyyMMddHHmmssSSS (17 digits), Japan Standard Time.</summary>
    DateTime17,

    /// <summary>yyyyMMdd (8 digits).</summary>
    Date8,

    /// <summary>yyyyMM (6 digits).</summary>
    YearMonth6,

    /// <summary>Prefecture (JIS X 0401, 2 digits) or local government code (5 or 6 digits).</summary>
    Residence,
}
