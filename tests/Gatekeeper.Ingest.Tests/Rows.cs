using Gatekeeper.Ingest.Exchange;

namespace Gatekeeper.Ingest.Tests;

/// <summary>Builds exchange-format CSV text: the schema's header and rows given as field → value overrides of a good row.</summary>
public static class Rows
{
    public static readonly IReadOnlyDictionary<string, string> Activity = new Dictionary<string, string>
    {
        ["consortium_id"] = "C01", ["participant_id"] = "DPP0000001", ["observation_time"] = "20250401000000", ["step"] = "8123",
        ["walk_time"] = "75", ["moderate_intensity_activity"] = "20", ["calories"] = "284.3", ["total_calories"] = "1999.9",
        ["model_manufacturer_code"] = "OMR", ["model_number"] = "HJA-750C", ["production_specification_serial"] = "OMR0112345678",
        ["total_active_duration"] = "1440", ["data_input_code"] = "0", ["measurement_position_code"] = "11", ["origin_of_time_code"] = "0",
        ["update_time"] = "20250402060000123",
    };

    public static readonly IReadOnlyDictionary<string, string> Participants = new Dictionary<string, string>
    {
        ["participant_id"] = "DPP0000001", ["consortium_id"] = "C01", ["birth_year_month"] = "196807", ["sex"] = "1", ["start_date"] = "20250401",
        ["end_date"] = "20260331", ["residence"] = "13101", ["commute"] = "4", ["medication"] = "0", ["wearing_position"] = "11",
        ["intervention_group"] = "1", ["update_time"] = "20250325060000000",
    };

    public static readonly IReadOnlyDictionary<string, string> Weight = new Dictionary<string, string>
    {
        ["consortium_id"] = "C01", ["participant_id"] = "DPP0000001", ["observation_time"] = "20250401071500", ["weight"] = "72.4",
        ["device"] = "オムロン HBF-228T", ["update_time"] = "20250402060000000",
    };

    public static readonly IReadOnlyDictionary<string, string> HomeBloodPressure = new Dictionary<string, string>
    {
        ["consortium_id"] = "C01", ["participant_id"] = "DPP0000001", ["observation_time"] = "20250401063000", ["systolic"] = "128",
        ["diastolic"] = "82", ["pulse"] = "66", ["device"] = "HEM-7600T", ["update_time"] = "20250401070000000",
    };

    public static readonly IReadOnlyDictionary<string, string> HbA1c = new Dictionary<string, string>
    {
        ["consortium_id"] = "C01", ["participant_id"] = "DPP0000001", ["observation_date"] = "20250401", ["hba1c"] = "6.9",
        ["method_code"] = "1", ["update_time"] = "20250411060000000",
    };

    public static readonly IReadOnlyDictionary<string, string> CheckupBloodPressure = new Dictionary<string, string>
    {
        ["consortium_id"] = "C01", ["participant_id"] = "DPP0000001", ["observation_date"] = "20250601", ["systolic"] = "134",
        ["diastolic"] = "86", ["update_time"] = "20250615060000000",
    };

    public static string Csv(RecordSchema schema, IReadOnlyDictionary<string, string> good, params IReadOnlyDictionary<string, string>[] rows) =>
        Header(schema) + string.Concat(rows.Select(r => Line(schema, good, r)));

    public static string Header(RecordSchema schema) => string.Join(',', schema.Fields.Select(f => f.Name)) + "\n";

    public static string Line(RecordSchema schema, IReadOnlyDictionary<string, string> good, IReadOnlyDictionary<string, string> overrides) =>
        string.Join(',', schema.Fields.Select(f => overrides.TryGetValue(f.Name, out var v) ? v : good[f.Name])) + "\n";

    public static Dictionary<string, string> With(params (string Field, string Value)[] values) => values.ToDictionary(v => v.Field, v => v.Value);
}
