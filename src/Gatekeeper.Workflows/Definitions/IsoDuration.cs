using System.Globalization;
using System.Text.RegularExpressions;

namespace Gatekeeper.Workflows.Definitions;

/// <summary>
/// An ISO 8601 duration such as <c>P3M</c>, <c>P14D</c> or <c>PT30S</c>, added on the calendar
/// (three months after 30 November is 28 or 29 February), as deadlines in law are counted.
/// </summary>
public sealed partial record IsoDuration(int Years, int Months, int Days, int Hours, int Minutes, int Seconds)
{
    public static IsoDuration Zero { get; } = new(0, 0, 0, 0, 0, 0);

    public bool IsZero => this == Zero;

    public DateTimeOffset AddTo(DateTimeOffset at) =>
        at.AddYears(Years).AddMonths(Months).AddDays(Days).AddHours(Hours).AddMinutes(Minutes).AddSeconds(Seconds);

    public DateTimeOffset SubtractFrom(DateTimeOffset at) =>
        at.AddSeconds(-Seconds).AddMinutes(-Minutes).AddHours(-Hours).AddDays(-Days).AddMonths(-Months).AddYears(-Years);

    public static bool TryParse(string? text, out IsoDuration duration)
    {
        duration = Zero;
        if (string.IsNullOrWhiteSpace(text)) return false;
        var m = Pattern().Match(text.Trim());
        if (!m.Success || m.Length == 1 || text.Trim().EndsWith('T')) return false;
        int Part(string name) => m.Groups[name].Success ? int.Parse(m.Groups[name].Value, CultureInfo.InvariantCulture) : 0;
        duration = new IsoDuration(Part("y"), Part("mo"), Part("w") * 7 + Part("d"), Part("h"), Part("mi"), Part("s"));
        return !duration.IsZero;
    }

    public override string ToString()
    {
        var date = (Years > 0 ? $"{Years}Y" : "") + (Months > 0 ? $"{Months}M" : "") + (Days > 0 ? $"{Days}D" : "");
        var time = (Hours > 0 ? $"{Hours}H" : "") + (Minutes > 0 ? $"{Minutes}M" : "") + (Seconds > 0 ? $"{Seconds}S" : "");
        return "P" + date + (time.Length > 0 ? "T" + time : "");
    }

    [GeneratedRegex(@"^P(?:(?<y>\d{1,4})Y)?(?:(?<mo>\d{1,4})M)?(?:(?<w>\d{1,4})W)?(?:(?<d>\d{1,5})D)?(?:T(?:(?<h>\d{1,6})H)?(?:(?<mi>\d{1,6})M)?(?:(?<s>\d{1,7})S)?)?$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
