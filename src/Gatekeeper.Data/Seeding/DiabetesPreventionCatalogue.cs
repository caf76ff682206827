using Gatekeeper.Domain.Catalogue;

namespace Gatekeeper.Data.Seeding;

/// <summary>
/// Catalogue entry for the METI/AMED diabetes-prevention programme, in the health information
/// exchange format (健康情報等交換規約). Table and variable names are the format's physical names.
/// </summary>
public static class DiabetesPreventionCatalogue
{
    public const string DatasetId = "dpp";

    public static Dataset Create() => new()
    {
        Id = DatasetId,
        Name = "Diabetes prevention programme (METI/AMED)",
        NameJa = "糖尿病予防プログラム（経済産業省・AMED）",
        Description = "8 consortia, 662 people with mild diabetes (HbA1c ≥ 6.5, no medication) and 401 with pre-diabetes "
                    + "(5.6 ≤ HbA1c < 6.5): participants, daily activity from wearables, weight, home and check-up blood pressure, quarterly HbA1c.",
        DescriptionJa = "8コンソーシアム、軽症糖尿病者662名（HbA1c 6.5以上・服薬なし）、予備群401名（HbA1c 5.6以上6.5未満）。"
                      + "参加者リスト、ウェアラブル機器の活動量、体重、家庭血圧・健診血圧、四半期ごとのHbA1c。",
        Holder = "Diabetes prevention programme secretariat / 糖尿病予防プログラム事務局",
        UnitIdVariable = "participant_id",
        Variables =
        [
            V("participants", "participant_id", "Participant ID", "参加者ID", "text", VariableSensitivity.DirectIdentifier),
            V("participants", "consortium_id", "Consortium", "コンソーシアムID", "code", VariableSensitivity.QuasiIdentifier),
            V("participants", "birth_year_month", "Birth year-month", "生年月", "date", VariableSensitivity.QuasiIdentifier),
            V("participants", "sex", "Sex", "性別", "code", VariableSensitivity.QuasiIdentifier),
            V("participants", "start_date", "Participation start", "参加開始日", "date", VariableSensitivity.Other),
            V("participants", "end_date", "Participation end", "参加終了日", "date", VariableSensitivity.Other),
            V("participants", "residence", "Residence (prefecture)", "居住地情報", "code", VariableSensitivity.QuasiIdentifier),
            V("participants", "commute", "Commute", "通勤情報", "code", VariableSensitivity.Other),
            V("participants", "medication", "Medication", "服薬情報", "code", VariableSensitivity.Sensitive),
            V("participants", "wearing_position", "Device wearing position", "機器装着位置", "code", VariableSensitivity.Other),
            V("participants", "intervention_group", "Intervention arm", "介入群", "code", VariableSensitivity.Other),
            V("activity", "participant_id", "Participant ID", "参加者ID", "text", VariableSensitivity.DirectIdentifier),
            V("activity", "observation_time", "Observation time", "観測時刻", "datetime", VariableSensitivity.Other),
            V("activity", "step", "Steps", "歩数", "integer", VariableSensitivity.Other),
            V("activity", "walk_time", "Walking time (min)", "歩行時間（分）", "integer", VariableSensitivity.Other),
            V("activity", "moderate_intensity_activity", "Moderate-intensity time (min)", "中強度活動時間（分）", "integer", VariableSensitivity.Other),
            V("activity", "calories", "Activity calories (kcal)", "活動カロリー（kcal）", "decimal", VariableSensitivity.Other),
            V("activity", "total_calories", "Total calories (kcal)", "総消費カロリー（kcal）", "decimal", VariableSensitivity.Other),
            V("activity", "model_manufacturer_code", "Manufacturer code", "メーカーコード", "text", VariableSensitivity.Other),
            V("activity", "model_number", "Model number", "型番", "text", VariableSensitivity.Other),
            V("activity", "production_specification_serial", "Device serial", "製造番号", "text", VariableSensitivity.DirectIdentifier),
            V("activity", "total_active_duration", "Activity aggregation time (min)", "活動量集計時間（分）", "integer", VariableSensitivity.Other),
            V("activity", "data_input_code", "Data input code", "データ入力コード", "code", VariableSensitivity.Other),
            V("activity", "measurement_position_code", "Wearing position code", "装着位置コード", "code", VariableSensitivity.Other),
            V("activity", "origin_of_time_code", "Time origin code", "時刻起源コード", "code", VariableSensitivity.Other),
            V("weight", "participant_id", "Participant ID", "参加者ID", "text", VariableSensitivity.DirectIdentifier),
            V("weight", "observation_time", "Observation time", "観測時刻", "datetime", VariableSensitivity.Other),
            V("weight", "weight", "Weight (kg)", "体重（kg）", "decimal", VariableSensitivity.Sensitive),
            V("weight", "device", "Device", "機器情報", "text", VariableSensitivity.Other),
            V("home_blood_pressure", "participant_id", "Participant ID", "参加者ID", "text", VariableSensitivity.DirectIdentifier),
            V("home_blood_pressure", "observation_time", "Observation time", "観測時刻", "datetime", VariableSensitivity.Other),
            V("home_blood_pressure", "systolic", "Systolic (mmHg)", "収縮期血圧（mmHg）", "integer", VariableSensitivity.Sensitive),
            V("home_blood_pressure", "diastolic", "Diastolic (mmHg)", "拡張期血圧（mmHg）", "integer", VariableSensitivity.Sensitive),
            V("home_blood_pressure", "pulse", "Pulse (bpm)", "脈拍（bpm）", "integer", VariableSensitivity.Sensitive),
            V("home_blood_pressure", "device", "Device", "機器情報", "text", VariableSensitivity.Other),
            V("hba1c", "participant_id", "Participant ID", "参加者ID", "text", VariableSensitivity.DirectIdentifier),
            V("hba1c", "observation_date", "Observation date", "観測日", "date", VariableSensitivity.Other),
            V("hba1c", "hba1c", "HbA1c (NGSP %)", "HbA1c（NGSP %）", "decimal", VariableSensitivity.Sensitive),
            V("hba1c", "method_code", "HbA1c method", "HbA1c測定法コード", "code", VariableSensitivity.Other),
            V("checkup_blood_pressure", "participant_id", "Participant ID", "参加者ID", "text", VariableSensitivity.DirectIdentifier),
            V("checkup_blood_pressure", "observation_date", "Observation date", "観測日", "date", VariableSensitivity.Other),
            V("checkup_blood_pressure", "systolic", "Systolic (mmHg)", "収縮期血圧（mmHg）", "integer", VariableSensitivity.Sensitive),
            V("checkup_blood_pressure", "diastolic", "Diastolic (mmHg)", "拡張期血圧（mmHg）", "integer", VariableSensitivity.Sensitive),
        ],
    };

    private static DatasetVariable V(string table, string name, string label, string labelJa, string type, VariableSensitivity sensitivity) =>
        new() { Table = table, Name = name, Label = label, LabelJa = labelJa, DataType = type, Sensitivity = sensitivity };
}
