using System.Globalization;
using System.Text;

namespace Gatekeeper.Testing.Onboarding;

/// <summary>Small holders' files in the exchange format, for tests of the import paths (store, API, pages).</summary>
public static class HolderFiles
{
    public const string ParticipantsHeader =
        "participant_id,consortium_id,birth_year_month,sex,start_date,end_date,residence,commute,medication,wearing_position,intervention_group,update_time";

    public const string ConsentHeader = "consortium_id,participant_id,consent_action_code,purpose_code,effective_date,update_time";

    /// <summary>A participants file of <paramref name="count"/> good rows (DPP0000001…), plus <paramref name="bad"/> rows with a sex code of 7.</summary>
    public static string Participants(int count, int bad = 0, string updateTime = "20250325060000000")
    {
        var text = new StringBuilder(ParticipantsHeader).Append('\n');
        for (var i = 1; i <= count + bad; i++)
        {
            var sex = i > count ? "7" : (i % 2 + 1).ToString(CultureInfo.InvariantCulture);
            text.Append(CultureInfo.InvariantCulture, $"DPP{i:D7},C01,196807,{sex},20250401,,13101,4,0,11,{i % 2},{updateTime}\n");
        }

        return text.ToString();
    }

    /// <summary>A consent file: participant 1 opts out, 2 refuses ai-training, 3 consents to scientific research (all from 2025-04-01).</summary>
    public static string Consent() =>
        ConsentHeader + "\n" +
        "C01,DPP0000001,1,,20250401,20250331090000000\n" +
        "C01,DPP0000002,4,ai-training,20250401,20250331090000000\n" +
        "C01,DPP0000003,3,scientific-research,20250401,20250331090000000\n";

    public static string Write(string folder, string name, string text)
    {
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, name);
        File.WriteAllText(path, text, new UTF8Encoding(false));
        return path;
    }
}
