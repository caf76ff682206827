using System.Globalization;
using System.Numerics;

namespace Gatekeeper.VisitingEnvironment.Shadow;

/// <summary>
/// The text of a cell's dimension value, the same for the same value however it was read: integers and decimals
/// invariant, doubles round-trip, dates ISO 8601. Result rows and shadow statistics are matched on it.
/// </summary>
public static class CellKeyText
{
    /// <summary>The value's text, null for NULL; false when the value is not a scalar (a list, a struct…).</summary>
    public static bool TryFormat(object? value, out string? text)
    {
        text = value switch
        {
            null or DBNull => null,
            string s => s,
            bool b => b ? "true" : "false",
            sbyte or byte or short or ushort or int or uint or long or ulong => Convert.ToString(value, CultureInfo.InvariantCulture),
            BigInteger i => i.ToString(CultureInfo.InvariantCulture),
            decimal d => d.ToString(CultureInfo.InvariantCulture),
            double d => d.ToString("R", CultureInfo.InvariantCulture),
            float f => f.ToString("R", CultureInfo.InvariantCulture),
            DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            DateTime t => t.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture).TrimEnd('.'),
            DateTimeOffset o => o.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture),
            TimeOnly t => t.ToString("HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture).TrimEnd('.'),
            TimeSpan s => s.ToString("c", CultureInfo.InvariantCulture),
            Guid g => g.ToString("D"),
            _ => "\0",
        };
        return text != "\0";
    }
}
