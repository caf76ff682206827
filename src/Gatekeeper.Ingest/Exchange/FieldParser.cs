using System.Text;
using System.Text.Unicode;
using Gatekeeper.Ingest.Validation;

namespace Gatekeeper.Ingest.Exchange;

/// <summary>
/// Validates and converts one field's UTF-8 bytes without allocating. Each method returns null when the value is
/// good, else the name of the broken rule (<see cref="ValidationRules"/>).
/// </summary>
internal static class FieldParser
{
    public const long MicrosPerSecond = 1_000_000;

    public static string? Integer(ReadOnlySpan<byte> s, FieldSpec field, out int value)
    {
        value = 0;
        if (s.Length > field.MaxLength || s.Length > 9) return ValidationRules.Digits;
        foreach (var b in s)
        {
            var d = b - '0';
            if ((uint)d > 9) return ValidationRules.Digits;
            value = value * 10 + d;
        }

        return InRange(value, 0, field);
    }

    /// <summary>A decimal as an integer scaled by 10^FractionDigits: "1234.5" → 12345; "12" → 120.</summary>
    public static string? Decimal(ReadOnlySpan<byte> s, FieldSpec field, out int scaled)
    {
        scaled = 0;
        var point = s.IndexOf((byte)'.');
        var whole = point < 0 ? s : s[..point];
        var fraction = point < 0 ? [] : s[(point + 1)..];
        if (whole.Length == 0 || whole.Length > field.MaxLength || fraction.Length > field.FractionDigits || (point >= 0 && fraction.Length == 0))
        {
            return ValidationRules.DecimalFormat;
        }

        foreach (var b in whole)
        {
            var d = b - '0';
            if ((uint)d > 9) return ValidationRules.DecimalFormat;
            scaled = scaled * 10 + d;
        }

        for (var i = 0; i < field.FractionDigits; i++)
        {
            var d = i < fraction.Length ? fraction[i] - '0' : 0;
            if ((uint)d > 9) return ValidationRules.DecimalFormat;
            scaled = scaled * 10 + d;
        }

        return InRange(scaled, field.FractionDigits, field);
    }

    /// <summary>yyyyMMddHHmmss or yyyyMMddHHmmssSSS as microseconds since 1970-01-01 00:00 (local Japan time, no zone).</summary>
    public static string? DateTime(ReadOnlySpan<byte> s, bool withMilliseconds, out long micros)
    {
        micros = 0;
        if (s.Length != (withMilliseconds ? 17 : 14)) return ValidationRules.DateTime;
        if (Date8(s[..8], out var days) is not null) return ValidationRules.DateTime;
        if (!TwoDigits(s[8..], out var hour) || hour > 23 || !TwoDigits(s[10..], out var minute) || minute > 59 || !TwoDigits(s[12..], out var second) || second > 59)
        {
            return ValidationRules.DateTime;
        }

        var millis = 0;
        if (withMilliseconds)
        {
            if (!TwoDigits(s[14..], out var hundreds) || (uint)(s[16] - '0') > 9) return ValidationRules.DateTime;
            millis = hundreds * 10 + (s[16] - '0');
        }

        micros = ((((days * 24L) + hour) * 60 + minute) * 60 + second) * MicrosPerSecond + millis * 1000L;
        return null;
    }

    /// <summary>yyyyMMdd as days since 1970-01-01; years 1900-2099.</summary>
    public static string? Date8(ReadOnlySpan<byte> s, out int days)
    {
        days = 0;
        if (s.Length != 8) return ValidationRules.DateTime;
        if (!TwoDigits(s, out var century) || !TwoDigits(s[2..], out var yy) || !TwoDigits(s[4..], out var month) || !TwoDigits(s[6..], out var day))
        {
            return ValidationRules.DateTime;
        }

        var year = century * 100 + yy;
        if (year is < 1900 or > 2099 || month is < 1 or > 12 || day < 1 || day > System.DateTime.DaysInMonth(year, month)) return ValidationRules.DateTime;
        days = DaysFromCivil(year, month, day);
        return null;
    }

    public static string? YearMonth(ReadOnlySpan<byte> s, out int year, out int month)
    {
        year = month = 0;
        if (s.Length != 6 || !TwoDigits(s, out var century) || !TwoDigits(s[2..], out var yy) || !TwoDigits(s[4..], out month)) return ValidationRules.DateTime;
        year = century * 100 + yy;
        return year is < 1900 or > 2099 || month is < 1 or > 12 ? ValidationRules.DateTime : null;
    }

    /// <summary>Prefecture from "13", "13101" or "131016" (JIS X 0401 / 0402).</summary>
    public static string? Residence(ReadOnlySpan<byte> s, out int prefecture)
    {
        prefecture = 0;
        if (s.Length is not (2 or 5 or 6)) return ValidationRules.Residence;
        foreach (var b in s)
        {
            if ((uint)(b - '0') > 9) return ValidationRules.Residence;
        }

        prefecture = (s[0] - '0') * 10 + (s[1] - '0');
        return prefecture is < 1 or > 47 ? ValidationRules.Residence : null;
    }

    public static string? Text(ReadOnlySpan<byte> s, int maxCharacters)
    {
        if (System.Text.Ascii.IsValid(s)) return s.Length > maxCharacters ? ValidationRules.Length : null;
        // U+FFFD is what transcoding from Shift_JIS leaves for bytes that were not Shift_JIS.
        if (!Utf8.IsValid(s) || s.IndexOf("\uFFFD"u8) >= 0) return ValidationRules.Encoding;
        return Encoding.UTF8.GetCharCount(s) > maxCharacters ? ValidationRules.Length : null;
    }

    public static string? Code(ReadOnlySpan<byte> s, byte[][] codes, out int index)
    {
        for (index = 0; index < codes.Length; index++)
        {
            if (s.SequenceEqual(codes[index])) return null;
        }

        index = -1;
        return ValidationRules.CodeList;
    }

    /// <summary>Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).</summary>
    public static int DaysFromCivil(int year, int month, int day)
    {
        year -= month <= 2 ? 1 : 0;
        var era = (year >= 0 ? year : year - 399) / 400;
        var yearOfEra = year - era * 400;
        var dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
        var dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
        return era * 146097 + dayOfEra - 719468;
    }

    private static string? InRange(int value, int scale, FieldSpec field)
    {
        var factor = scale switch { 0 => 1m, 1 => 10m, 2 => 100m, _ => 1000m };
        if (field.Min is { } min && value < min * factor) return ValidationRules.Range;
        if (field.Max is { } max && value > max * factor) return ValidationRules.Range;
        return null;
    }

    private static bool TwoDigits(ReadOnlySpan<byte> s, out int value)
    {
        var a = s[0] - '0';
        var b = s[1] - '0';
        value = a * 10 + b;
        return (uint)a <= 9 && (uint)b <= 9;
    }
}
