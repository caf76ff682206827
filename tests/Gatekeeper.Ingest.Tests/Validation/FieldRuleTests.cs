using Gatekeeper.Ingest.Exchange;
using Gatekeeper.Ingest.Importing;
using Gatekeeper.Ingest.Storage;
using Gatekeeper.Ingest.Validation;

namespace Gatekeeper.Ingest.Tests.Validation;

/// <summary>
/// Every field rule of every record, with good and bad rows: one file per record type, one case per row (each its
/// own participant), and the report must list exactly the expected (line, field, rule) triples.
/// </summary>
public sealed class FieldRuleTests : IDisposable
{
    private static readonly IngestOptions AcceptAnything = new() { MaxErrorRate = 1.0 };
    private readonly IngestHarness _harness = new();

    public static TheoryData<string> RecordTypes => new() { "activity", "participants", "weight", "home_blood_pressure", "hba1c", "checkup_blood_pressure" };

    [Theory]
    [MemberData(nameof(RecordTypes))]
    public async Task Each_rule_rejects_its_bad_rows_and_accepts_the_good_ones(string table)
    {
        var (schema, good, cases) = Cases(table);
        var lines = cases.Select((c, i) =>
        {
            var overrides = new Dictionary<string, string>(c.Overrides);
            overrides.TryAdd("participant_id", $"P{i:D6}");
            return Rows.Line(schema, good, overrides);
        });
        var result = await _harness.ImportAsync(table + ".csv", Rows.Header(schema) + string.Concat(lines), AcceptAnything);

        Assert.Equal(ImportOutcome.Committed, result.Outcome);
        var expected = cases.Select((c, i) => (Line: i + 2L, c.Field, c.Rule)).Where(e => e.Rule is not null).Select(e => $"{e.Line}:{e.Field}:{e.Rule}").Order().ToList();
        var actual = ReadReport(result.Report!).Select(e => $"{e.Line}:{e.Field}:{e.Rule}").Order().ToList();
        Assert.Equal(expected, actual);
        Assert.Equal(cases.Count(c => c.Rule is null), result.Record.PublishedRows);
        Assert.Equal(cases.Count(c => c.Rule is null), _harness.Count(table));
    }

    [Fact]
    public async Task A_row_breaking_several_rules_is_reported_once_per_rule_and_counted_once()
    {
        var csv = Rows.Csv(ExchangeFormat.Activity, Rows.Activity, Rows.With(("step", "123456"), ("data_input_code", "9"), ("calories", "1.23")));
        var result = await _harness.ImportAsync("activity.csv", csv, AcceptAnything);

        Assert.Equal(1, result.Record.RejectedRows);
        Assert.Equal(3, result.Report!.ErrorCount);
        Assert.Equal(ImportOutcome.Refused, (await _harness.ImportAsync("again.csv", csv + "\n")).Outcome);
    }

    [Fact]
    public async Task Identifiers_are_withheld_from_the_report_and_other_values_are_shown()
    {
        var csv = Rows.Csv(ExchangeFormat.Activity, Rows.Activity,
            Rows.With(("participant_id", new string('X', 51))),
            Rows.With(("production_specification_serial", new string('S', 60))),
            Rows.With(("step", "12x")));
        var result = await _harness.ImportAsync("activity.csv", csv, AcceptAnything);

        var errors = ReadReport(result.Report!);
        Assert.All(errors.Where(e => e.Field is "participant_id" or "production_specification_serial"), e => Assert.Equal("(identifier withheld)", e.Value));
        Assert.Contains(errors, e => e.Field == "step" && e.Value == "12x" && e.Message.Contains("at most 5 digits", StringComparison.Ordinal));
        var csvBytes = await File.ReadAllBytesAsync(result.Report!.CsvPath);
        Assert.DoesNotContain(new string('X', 51), System.Text.Encoding.UTF8.GetString(csvBytes), StringComparison.Ordinal);
        Assert.True(csvBytes.AsSpan().StartsWith("\uFEFFfile,line,field,value,rule,message"u8), "The CSV report starts with a BOM and its header.");
    }

    [Fact]
    public async Task Optional_columns_may_be_left_out_of_the_header_but_required_ones_may_not()
    {
        var optional = ExchangeFormat.Activity.Fields.Where(f => f.Name != "measurement_position_code").ToList();
        var header = string.Join(',', optional.Select(f => f.Name)) + "\n";
        var row = string.Join(',', optional.Select(f => Rows.Activity[f.Name])) + "\n";
        var ok = await _harness.ImportAsync("activity.csv", header + row);
        Assert.Equal(ImportOutcome.Committed, ok.Outcome);
        Assert.Null(_harness.Query("SELECT measurement_position_code FROM {activity}")[0][0]);

        var required = ExchangeFormat.Activity.Fields.Where(f => f.Name != "step").ToList();
        var refused = await _harness.ImportAsync("no-step.csv", string.Join(',', required.Select(f => f.Name)) + "\n" + string.Join(',', required.Select(f => Rows.Activity[f.Name])) + "\n");
        Assert.Equal(ImportOutcome.Refused, refused.Outcome);
        var error = Assert.Single(ReadReport(refused.Report!));
        Assert.Equal(ValidationRules.Header, error.Rule);
        Assert.Contains("step", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Values_are_stored_with_their_types_and_identifiers_as_pseudonyms()
    {
        await _harness.ImportAsync("activity.csv", Rows.Csv(ExchangeFormat.Activity, Rows.Activity, Rows.With()));
        var row = _harness.Query("SELECT participant_id, observation_time, step, calories, total_calories, production_specification_serial, update_time, typeof(calories) FROM {activity}")[0];
        var pseudonymiser = await _harness.PseudonymiserAsync();

        Assert.Equal(pseudonymiser.Person("DPP0000001"), row[0]);
        Assert.Equal(new DateTime(2025, 4, 1), row[1]);
        Assert.Equal(8123, row[2]);
        Assert.Equal(284.3m, row[3]);
        Assert.Equal(1999.9m, row[4]);
        Assert.Equal(pseudonymiser.Device("OMR0112345678"), row[5]);
        Assert.Equal(new DateTime(2025, 4, 2, 6, 0, 0, 123), row[6]);
        Assert.Equal("DECIMAL(5,1)", row[7]);
    }

    private static List<RowError> ReadReport(ValidationReport report)
    {
        using var document = System.Text.Json.JsonDocument.Parse(File.ReadAllText(report.JsonPath));
        return [.. document.RootElement.GetProperty("errors").EnumerateArray().Select(e => new RowError(
            document.RootElement.GetProperty("file").GetString()!, e.GetProperty("line").GetInt64(), e.GetProperty("field").GetString()!,
            e.GetProperty("value").GetString()!, e.GetProperty("rule").GetString()!, e.GetProperty("message").GetString()!))];
    }

    private static (RecordSchema Schema, IReadOnlyDictionary<string, string> Good, List<Case> Cases) Cases(string table) => table switch
    {
        "activity" => (ExchangeFormat.Activity, Rows.Activity,
        [
            Good(),
            Good(("step", "99999")),
            Good(("step", "0")),
            Bad("step", "digits", "100000"),
            Bad("step", "digits", "12a"),
            Bad("step", "digits", "-5"),
            Bad("step", "required", ""),
            Good(("walk_time", "")),
            Bad("walk_time", "digits", "12345"),
            Bad("walk_time", "range", "1441"),
            Good(("moderate_intensity_activity", "")),
            Bad("moderate_intensity_activity", "digits", "1.5"),
            Good(("calories", "")),
            Good(("calories", "9999.9")),
            Good(("calories", "12")),
            Bad("calories", "decimal-format", "12345.6"),
            Bad("calories", "decimal-format", "123.45"),
            Bad("calories", "decimal-format", "12."),
            Bad("total_calories", "decimal-format", "abc"),
            Bad("observation_time", "datetime", "20250231000000"),
            Bad("observation_time", "datetime", "2025040100000"),
            Bad("observation_time", "datetime", "20250401240000"),
            Bad("observation_time", "datetime", "20251301000000"),
            Bad("observation_time", "required", ""),
            Good(("observation_time", "20240229235959")),
            Bad("update_time", "datetime", "20250402060000"),
            Bad("update_time", "datetime", "2025040206000012x"),
            Bad("model_manufacturer_code", "required", ""),
            Bad("model_number", "length", new string('M', 51)),
            Good(("model_number", "\"HealthKit 17,4\"")),
            Good(("model_number", "歩数計アプリ 1.0")),
            Bad("production_specification_serial", "required", ""),
            Bad("total_active_duration", "required", ""),
            Bad("total_active_duration", "range", "1500"),
            Bad("data_input_code", "code-list", "3"),
            Good(("data_input_code", "2")),
            Bad("measurement_position_code", "code-list", "12"),
            Good(("measurement_position_code", "")),
            Good(("measurement_position_code", "50")),
            Bad("origin_of_time_code", "code-list", "2"),
            Bad("consortium_id", "length", "C0123456789"),
            Bad("participant_id", "required", ""),
            new(Rows.With(("step", "1,2")), "*", "columns"),
            new(Rows.With(("model_number", "\"unclosed")), "*", "quoting"),
        ]),
        "participants" => (ExchangeFormat.Participants, Rows.Participants,
        [
            Good(),
            Good(("end_date", ""), ("commute", ""), ("medication", ""), ("wearing_position", "")),
            Good(("residence", "13")),
            Good(("residence", "131016")),
            Bad("birth_year_month", "datetime", "196813"),
            Bad("birth_year_month", "datetime", "1968"),
            Bad("birth_year_month", "range", "202705"),
            Bad("sex", "code-list", "3"),
            Bad("sex", "required", ""),
            Bad("start_date", "datetime", "20250431"),
            Bad("end_date", "datetime", "2026033"),
            Bad("residence", "residence", "48101"),
            Bad("residence", "residence", "1310"),
            Bad("residence", "residence", "00"),
            Bad("commute", "code-list", "6"),
            Bad("medication", "code-list", "3"),
            Bad("wearing_position", "code-list", "99"),
            Bad("intervention_group", "required", ""),
            Bad("intervention_group", "code-list", "2"),
        ]),
        "weight" => (ExchangeFormat.Weight, Rows.Weight,
        [
            Good(),
            Good(("device", "")),
            Good(("weight", "20.0")),
            Good(("weight", "300")),
            Bad("weight", "range", "19.9"),
            Bad("weight", "range", "300.1"),
            Bad("weight", "decimal-format", "1000.0"),
            Bad("weight", "decimal-format", "72.45"),
            Bad("weight", "required", ""),
            Bad("device", "length", new string('D', 51)),
        ]),
        "home_blood_pressure" => (ExchangeFormat.HomeBloodPressure, Rows.HomeBloodPressure,
        [
            Good(),
            Good(("pulse", ""), ("device", "")),
            Bad("systolic", "digits", "1200"),
            Bad("systolic", "range", "40"),
            Bad("diastolic", "range", "201"),
            Bad("diastolic", "required", ""),
            Bad("pulse", "range", "19"),
        ]),
        "hba1c" => (ExchangeFormat.HbA1c, Rows.HbA1c,
        [
            Good(),
            Good(("method_code", "")),
            Good(("hba1c", "14")),
            Bad("hba1c", "decimal-format", "6.55"),
            Bad("hba1c", "decimal-format", "100.0"),
            Bad("hba1c", "range", "2.9"),
            Bad("observation_date", "datetime", "20250230"),
            Bad("observation_date", "datetime", "202504011"),
            Bad("method_code", "length", "12345678901"),
        ]),
        "checkup_blood_pressure" => (ExchangeFormat.CheckupBloodPressure, Rows.CheckupBloodPressure,
        [
            Good(),
            Bad("diastolic", "digits", "abc"),
            Bad("systolic", "required", ""),
            Bad("observation_date", "datetime", "18991231"),
        ]),
        _ => throw new ArgumentOutOfRangeException(nameof(table)),
    };

    private static Case Good(params (string Field, string Value)[] values) => new(Rows.With(values), null, null);

    private static Case Bad(string field, string rule, string value) => new(Rows.With((field, value)), field, rule);

    public void Dispose() => _harness.Dispose();

    private sealed record Case(IReadOnlyDictionary<string, string> Overrides, string? Field, string? Rule);
}
