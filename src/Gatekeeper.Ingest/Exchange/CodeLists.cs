namespace Gatekeeper.Ingest.Exchange;

/// <summary>Code lists of the exchange format and of the lists the programme registers in advance.</summary>
public static class CodeLists
{
    /// <summary>0 device, 1 manual entry, 2 device data corrected by hand.</summary>
    public static readonly IReadOnlyList<string> DataInput = ["0", "1", "2"];

    /// <summary>10 chest pocket, 11 abdomen pocket, 20 neck, 21 belt, 30 dominant wrist, 31 other wrist, 40 bag, 50 other.</summary>
    public static readonly IReadOnlyList<string> MeasurementPosition = ["10", "11", "20", "21", "30", "31", "40", "50"];

    /// <summary>0 device clock as is, 1 corrected by the app.</summary>
    public static readonly IReadOnlyList<string> OriginOfTime = ["0", "1"];

    /// <summary>ISO/IEC 5218: 0 not known, 1 male, 2 female, 9 not applicable.</summary>
    public static readonly IReadOnlyList<string> Sex = ["0", "1", "2", "9"];

    /// <summary>1 walking, 2 bicycle, 3 car or motorbike, 4 public transport, 5 no commute (remote), 9 other.</summary>
    public static readonly IReadOnlyList<string> Commute = ["1", "2", "3", "4", "5", "9"];

    /// <summary>0 none, 1 glucose-lowering medication, 2 other regular medication.</summary>
    public static readonly IReadOnlyList<string> Medication = ["0", "1", "2"];

    /// <summary>0 control, 1 intervention.</summary>
    public static readonly IReadOnlyList<string> InterventionGroup = ["0", "1"];

    /// <summary>1 opt-out of all secondary use, 2 opt-out withdrawn, 3 consent to a purpose, 4 refusal (or withdrawal of consent) for a purpose.</summary>
    public static readonly IReadOnlyList<string> ConsentAction = ["1", "2", "3", "4"];
}
