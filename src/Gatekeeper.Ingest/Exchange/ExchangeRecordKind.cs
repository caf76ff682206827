namespace Gatekeeper.Ingest.Exchange;

/// <summary>The files a holder sends: the registered participants list, the five observation records, and consent decisions.</summary>
public enum ExchangeRecordKind
{
    Participants,
    Activity,
    Weight,
    HomeBloodPressure,
    HbA1c,
    CheckupBloodPressure,
    Consent,
}
