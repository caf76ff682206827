using Gatekeeper.Domain.Catalogue;

namespace Gatekeeper.Ingest.Exchange;

/// <summary>
/// The health information exchange format (健康情報等交換規約) as CSV: one schema per record type, physical names as
/// header. Activity follows the format's field table exactly; the other records use names in the same style, which
/// are also the catalogue's variable names (docs/data-onboarding.md lists them).
/// </summary>
public static class ExchangeFormat
{
    public static RecordSchema Participants { get; } = new()
    {
        Kind = ExchangeRecordKind.Participants,
        Table = "participants",
        KeyColumns = ["participant_id"],
        Fields =
        [
            Person(),
            Consortium(stored: true),
            new() { Name = "birth_year_month", Kind = FieldKind.YearMonth6, Required = true, Transform = FieldTransform.CoarsenBirth, Label = "Birth year-month", LabelJa = "生年月", CatalogueType = "code", Sensitivity = VariableSensitivity.QuasiIdentifier },
            new() { Name = "sex", Kind = FieldKind.Code, Required = true, Codes = CodeLists.Sex, Label = "Sex", LabelJa = "性別", CatalogueType = "code", Sensitivity = VariableSensitivity.QuasiIdentifier },
            new() { Name = "start_date", Kind = FieldKind.Date8, Required = true, Label = "Participation start", LabelJa = "参加開始日", CatalogueType = "date" },
            new() { Name = "end_date", Kind = FieldKind.Date8, Required = false, Label = "Participation end", LabelJa = "参加終了日", CatalogueType = "date" },
            new() { Name = "residence", Kind = FieldKind.Residence, Required = true, Transform = FieldTransform.CoarsenResidence, Label = "Residence (prefecture)", LabelJa = "居住地情報", CatalogueType = "code", Sensitivity = VariableSensitivity.QuasiIdentifier },
            new() { Name = "commute", Kind = FieldKind.Code, Required = false, Codes = CodeLists.Commute, Label = "Commute", LabelJa = "通勤情報", CatalogueType = "code" },
            new() { Name = "medication", Kind = FieldKind.Code, Required = false, Codes = CodeLists.Medication, Label = "Medication", LabelJa = "服薬情報", CatalogueType = "code", Sensitivity = VariableSensitivity.Sensitive },
            new() { Name = "wearing_position", Kind = FieldKind.Code, Required = false, Codes = CodeLists.MeasurementPosition, Label = "Device wearing position", LabelJa = "機器装着位置", CatalogueType = "code" },
            new() { Name = "intervention_group", Kind = FieldKind.Code, Required = true, Codes = CodeLists.InterventionGroup, Label = "Intervention arm", LabelJa = "介入群", CatalogueType = "code" },
            UpdateTime(),
        ],
    };

    public static RecordSchema Activity { get; } = new()
    {
        Kind = ExchangeRecordKind.Activity,
        Table = "activity",
        KeyColumns = ["participant_id", "observation_time"],
        Fields =
        [
            Consortium(stored: false),
            Person(),
            ObservationTime(),
            new() { Name = "step", Kind = FieldKind.Integer, MaxLength = 5, Required = true, Label = "Steps", LabelJa = "歩数", CatalogueType = "integer" },
            new() { Name = "walk_time", Kind = FieldKind.Integer, MaxLength = 4, Required = false, Max = 1440, Label = "Walking time (min)", LabelJa = "歩行時間（分）", CatalogueType = "integer" },
            new() { Name = "moderate_intensity_activity", Kind = FieldKind.Integer, MaxLength = 4, Required = false, Max = 1440, Label = "Moderate-intensity time (min)", LabelJa = "中強度活動時間（分）", CatalogueType = "integer" },
            new() { Name = "calories", Kind = FieldKind.Decimal, MaxLength = 4, FractionDigits = 1, Required = false, Label = "Activity calories (kcal)", LabelJa = "活動カロリー（kcal）", CatalogueType = "decimal" },
            new() { Name = "total_calories", Kind = FieldKind.Decimal, MaxLength = 4, FractionDigits = 1, Required = false, Label = "Total calories (kcal)", LabelJa = "総消費カロリー（kcal）", CatalogueType = "decimal" },
            new() { Name = "model_manufacturer_code", Kind = FieldKind.Text, MaxLength = 50, Required = true, Label = "Manufacturer code", LabelJa = "メーカーコード" },
            new() { Name = "model_number", Kind = FieldKind.Text, MaxLength = 50, Required = true, Label = "Model number", LabelJa = "型番" },
            new() { Name = "production_specification_serial", Kind = FieldKind.Text, MaxLength = 50, Required = true, Transform = FieldTransform.PseudonymiseDevice, Label = "Device serial", LabelJa = "製造番号", Sensitivity = VariableSensitivity.DirectIdentifier },
            new() { Name = "total_active_duration", Kind = FieldKind.Integer, MaxLength = 4, Required = true, Max = 1440, Label = "Activity aggregation time (min)", LabelJa = "活動量集計時間（分）", CatalogueType = "integer" },
            new() { Name = "data_input_code", Kind = FieldKind.Code, Required = true, Codes = CodeLists.DataInput, Label = "Data input code", LabelJa = "データ入力コード", CatalogueType = "code" },
            new() { Name = "measurement_position_code", Kind = FieldKind.Code, Required = false, Codes = CodeLists.MeasurementPosition, Label = "Wearing position code", LabelJa = "装着位置コード", CatalogueType = "code" },
            new() { Name = "origin_of_time_code", Kind = FieldKind.Code, Required = true, Codes = CodeLists.OriginOfTime, Label = "Time origin code", LabelJa = "時刻起源コード", CatalogueType = "code" },
            UpdateTime(),
        ],
    };

    public static RecordSchema Weight { get; } = new()
    {
        Kind = ExchangeRecordKind.Weight,
        Table = "weight",
        KeyColumns = ["participant_id", "observation_time"],
        Fields =
        [
            Consortium(stored: false),
            Person(),
            ObservationTime(),
            new() { Name = "weight", Kind = FieldKind.Decimal, MaxLength = 3, FractionDigits = 1, Required = true, Min = 20m, Max = 300m, Label = "Weight (kg)", LabelJa = "体重（kg）", CatalogueType = "decimal", Sensitivity = VariableSensitivity.Sensitive },
            Device(),
            UpdateTime(),
        ],
    };

    public static RecordSchema HomeBloodPressure { get; } = new()
    {
        Kind = ExchangeRecordKind.HomeBloodPressure,
        Table = "home_blood_pressure",
        KeyColumns = ["participant_id", "observation_time"],
        Fields =
        [
            Consortium(stored: false),
            Person(),
            ObservationTime(),
            Systolic(),
            Diastolic(),
            new() { Name = "pulse", Kind = FieldKind.Integer, MaxLength = 3, Required = false, Min = 20, Max = 250, Label = "Pulse (bpm)", LabelJa = "脈拍（bpm）", CatalogueType = "integer", Sensitivity = VariableSensitivity.Sensitive },
            Device(),
            UpdateTime(),
        ],
    };

    public static RecordSchema HbA1c { get; } = new()
    {
        Kind = ExchangeRecordKind.HbA1c,
        Table = "hba1c",
        KeyColumns = ["participant_id", "observation_date"],
        Fields =
        [
            Consortium(stored: false),
            Person(),
            ObservationDate(),
            new() { Name = "hba1c", Kind = FieldKind.Decimal, MaxLength = 2, FractionDigits = 1, Required = true, Min = 3m, Max = 20m, Label = "HbA1c (NGSP %)", LabelJa = "HbA1c（NGSP %）", CatalogueType = "decimal", Sensitivity = VariableSensitivity.Sensitive },
            new() { Name = "method_code", Kind = FieldKind.Text, MaxLength = 10, Required = false, Label = "HbA1c method", LabelJa = "HbA1c測定法コード", CatalogueType = "code" },
            UpdateTime(),
        ],
    };

    public static RecordSchema CheckupBloodPressure { get; } = new()
    {
        Kind = ExchangeRecordKind.CheckupBloodPressure,
        Table = "checkup_blood_pressure",
        KeyColumns = ["participant_id", "observation_date"],
        Fields =
        [
            Consortium(stored: false),
            Person(),
            ObservationDate(),
            Systolic(),
            Diastolic(),
            UpdateTime(),
        ],
    };

    /// <summary>Consent decisions a holder collected (dynamic consent, opt-out of the Act); see docs/data-onboarding.md.</summary>
    public static RecordSchema Consent { get; } = new()
    {
        Kind = ExchangeRecordKind.Consent,
        Table = "consent",
        KeyColumns = ["participant_id", "consent_action_code", "purpose_code", "effective_date"],
        Fields =
        [
            Consortium(stored: false),
            Person(),
            new() { Name = "consent_action_code", Kind = FieldKind.Code, Required = true, Codes = CodeLists.ConsentAction, Label = "Consent action", CatalogueType = "code" },
            new() { Name = "purpose_code", Kind = FieldKind.Text, MaxLength = 50, Required = false, Label = "Purpose", CatalogueType = "code" },
            new() { Name = "effective_date", Kind = FieldKind.Date8, Required = true, Label = "Effective from", CatalogueType = "date" },
            UpdateTime(),
        ],
    };

    /// <summary>The observation and list records that become analysis tables.</summary>
    public static IReadOnlyList<RecordSchema> AnalysisTables { get; } = [Participants, Activity, Weight, HomeBloodPressure, HbA1c, CheckupBloodPressure];

    public static IReadOnlyList<RecordSchema> All { get; } = [.. AnalysisTables, Consent];

    public static RecordSchema ForTable(string table) =>
        All.FirstOrDefault(s => s.Table == table) ?? throw new ArgumentException($"Unknown table '{table}'.", nameof(table));

    /// <summary>
    /// The schema a header row belongs to: every column known to the schema and every required column present.
    /// Null when no schema fits (the caller reports which columns were unknown or missing).
    /// </summary>
    public static RecordSchema? Detect(IReadOnlyList<string> header)
    {
        var names = header.Select(h => h.Trim()).ToHashSet(StringComparer.Ordinal);
        return All.FirstOrDefault(s => names.All(n => s.Find(n) is not null) && s.Fields.Where(f => f.Required).All(f => names.Contains(f.Name)));
    }

    private static FieldSpec Person() => new()
    {
        Name = "participant_id", Kind = FieldKind.Text, MaxLength = 50, Required = true, Transform = FieldTransform.PseudonymisePerson,
        Label = "Participant ID", LabelJa = "参加者ID", Sensitivity = VariableSensitivity.DirectIdentifier,
    };

    private static FieldSpec Consortium(bool stored) => new()
    {
        Name = "consortium_id", Kind = FieldKind.Text, MaxLength = 10, Required = true, Stored = stored,
        Label = "Consortium", LabelJa = "コンソーシアムID", CatalogueType = "code", Sensitivity = VariableSensitivity.QuasiIdentifier,
    };

    private static FieldSpec ObservationTime() => new()
    {
        Name = "observation_time", Kind = FieldKind.DateTime14, Required = true, Label = "Observation time", LabelJa = "観測時刻", CatalogueType = "datetime",
    };

    private static FieldSpec ObservationDate() => new()
    {
        Name = "observation_date", Kind = FieldKind.Date8, Required = true, Label = "Observation date", LabelJa = "観測日", CatalogueType = "date",
    };

    private static FieldSpec UpdateTime() => new()
    {
        Name = "update_time", Kind = FieldKind.DateTime17, Required = true, Label = "Update time", LabelJa = "更新日時", CatalogueType = "datetime",
    };

    private static FieldSpec Device() => new()
    {
        Name = "device", Kind = FieldKind.Text, MaxLength = 50, Required = false, Label = "Device", LabelJa = "機器情報",
    };

    private static FieldSpec Systolic() => new()
    {
        Name = "systolic", Kind = FieldKind.Integer, MaxLength = 3, Required = true, Min = 50, Max = 300,
        Label = "Systolic (mmHg)", LabelJa = "収縮期血圧（mmHg）", CatalogueType = "integer", Sensitivity = VariableSensitivity.Sensitive,
    };

    private static FieldSpec Diastolic() => new()
    {
        Name = "diastolic", Kind = FieldKind.Integer, MaxLength = 3, Required = true, Min = 30, Max = 200,
        Label = "Diastolic (mmHg)", LabelJa = "拡張期血圧（mmHg）", CatalogueType = "integer", Sensitivity = VariableSensitivity.Sensitive,
    };
}
