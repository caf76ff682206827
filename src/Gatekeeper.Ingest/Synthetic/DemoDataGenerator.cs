using System.Buffers.Text;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Gatekeeper.Ingest.Exchange;
using Gatekeeper.Ingest.Storage;

namespace Gatekeeper.Ingest.Synthetic;

/// <summary>
/// Synthetic data of the METI/AMED diabetes-prevention programme in the holders' exchange format: 8 consortia,
/// participants with mild diabetes, pre-diabetes (662 : 401) and a healthy share, an intervention arm, a year of
/// daily activity with each device's step-count bias, weekly weight, home blood pressure, check-up blood pressure,
/// quarterly HbA1c whose 3-month change follows the programme's report, and consent decisions. Some consortia send
/// Shift_JIS with CRLF, some UTF-8 with a BOM, so a demo exercises the real importer. Deterministic by seed; rows
/// are streamed, so memory stays constant for any number of participants.
/// </summary>
public sealed class DemoDataGenerator
{
    public const int Consortia = 8;
    private const ulong ParticipantStream = 1;
    private const ulong ConsentStream = 2;
    private static readonly string[] ShiftJisConsortia = ["C03", "C07"];
    private static readonly string[] BomConsortia = ["C02", "C05"];
    private static readonly string[] PurposeCodes = ["public-interest", "official-statistics", "scientific-research", "product-development", "ai-training", "education", "personalised-medicine"];

    /// <summary>Products measured against 1,000 real steps: mean error −0.6 % to −13.3 % (exchange-format reference values).</summary>
    internal static readonly IReadOnlyList<DeviceModel> Devices =
    [
        new("OMR", "HJA-750C", -0.006, "11"),
        new("TNT", "AM-161", -0.021, "21"),
        new("PNS", "EW-NK63", -0.045, "11"),
        new("FTB", "Charge6", -0.071, "30"),
        new("APL", "HealthKit 17.4", -0.098, "40"),
        new("YAM", "EX-200", -0.133, "21"),
    ];

    // Consortium → prefecture of its companies' offices (JIS X 0401), for residence codes.
    private static readonly int[] ConsortiumPrefecture = [13, 27, 23, 40, 1, 14, 26, 34];

    public async Task<DemoDataSummary> GenerateAsync(DemoDataOptions options, CancellationToken cancellationToken = default)
    {
        if (options.Validate() is { } problem) throw new ArgumentException(problem, nameof(options));
        var root = Path.GetFullPath(options.OutputFolder);
        Directory.CreateDirectory(root);
        var holders = new Holder[Consortia];
        var files = new List<DemoFile>();
        for (var c = 0; c < Consortia; c++)
        {
            var id = $"C{c + 1:D2}";
            var folder = Path.Combine(root, id);
            Directory.CreateDirectory(folder);
            var shiftJis = ShiftJisConsortia.Contains(id);
            var encoding = shiftJis ? TextEncodings.ShiftJis : new UTF8Encoding(false);
            var bom = BomConsortia.Contains(id);
            var outputs = new Dictionary<string, CsvOutput>();
            foreach (var schema in ExchangeFormat.All)
            {
                var name = schema.Table + ".csv";
                outputs[schema.Table] = new CsvOutput(Path.Combine(folder, name), encoding, bom, crlf: shiftJis, string.Join(',', schema.Fields.Select(f => f.Name)));
                files.Add(new DemoFile($"{id}/{name}", id, schema.Table, shiftJis ? "shift_jis" : bom ? "utf-8-bom" : "utf-8"));
            }

            holders[c] = new Holder(id, outputs);
        }

        var stats = new Stats();
        var days = DayStamps(options.Start, options.Days + 2);
        try
        {
            for (var i = 0; i < options.Participants; i++)
            {
                if (i % 1024 == 0) cancellationToken.ThrowIfCancellationRequested();
                var rng = SplitMix64.For(options.Seed, ParticipantStream, (ulong)i);
                var person = NewParticipant(i, options, ref rng);
                var holder = holders[person.Consortium];
                stats.Count(person);
                WriteParticipant(holder, person, options);
                WriteActivity(holder, person, options, days, ref rng, stats);
                WriteWeight(holder, person, options, ref rng, stats);
                WriteHomeBloodPressure(holder, person, options, ref rng);
                WriteCheckup(holder, person, options, ref rng);
                WriteHbA1c(holder, person, options, ref rng, stats);
                var consentRng = SplitMix64.For(options.Seed, ConsentStream, (ulong)i);
                WriteConsent(holder, person, options, ref consentRng, stats);
            }
        }
        finally
        {
            foreach (var holder in holders)
            {
                foreach (var output in holder.Outputs.Values) await output.DisposeAsync();
            }
        }

        var summary = new DemoDataSummary
        {
            Seed = options.Seed,
            Participants = options.Participants,
            Groups = stats.Groups,
            Intervention = stats.Intervention,
            Rows = ExchangeFormat.All.ToDictionary(s => s.Table, s => holders.Sum(h => h.Outputs[s.Table].Rows)),
            ResentRows = stats.Resent,
            InvalidRows = stats.Invalid,
            OptOuts = stats.OptOuts,
            Refusals = stats.Refusals,
            MeanChangeIntervention = Math.Round(stats.ChangeIntervention.Mean, 3),
            MeanChangeControl = Math.Round(stats.ChangeControl.Mean, 3),
            Files = files,
        };
        await File.WriteAllTextAsync(Path.Combine(root, "manifest.json"), JsonSerializer.Serialize(summary, IngestJson.Indented) + "\n", cancellationToken);
        return summary;
    }

    private static Participant NewParticipant(int index, DemoDataOptions options, ref SplitMix64 rng)
    {
        var consortium = rng.Next(Consortia);
        var group = rng.Chance(options.HealthyShare) ? GlycaemicGroup.Healthy
            : rng.Chance(options.MildDiabetesShare) ? GlycaemicGroup.MildDiabetes
            : GlycaemicGroup.PreDiabetes;
        var intervention = rng.Chance(options.InterventionShare);
        var baseline = group switch
        {
            // Mean ≈ 6.94, like the programme's arms (6.99 and 6.75 at baseline).
            GlycaemicGroup.MildDiabetes => Math.Min(9.9, 6.5 + Math.Abs(rng.Normal(0, 0.55))),
            GlycaemicGroup.PreDiabetes => 5.6 + rng.NextDouble() * 0.89,
            _ => Math.Clamp(rng.Normal(5.2, 0.2), 4.3, 5.5),
        };
        var device = Devices[rng.Next(Devices.Count)];
        var age = rng.Next(30, 65);
        return new Participant
        {
            Index = index,
            Id = $"DPP{index + 1:D7}",
            Consortium = consortium,
            Group = group,
            Intervention = intervention,
            BaselineHbA1c = baseline,
            Device = device,
            Serial = $"{device.Manufacturer}{consortium + 1:D2}{rng.Next(100_000_000):D8}",
            BirthYear = options.Start.Year - age,
            BirthMonth = rng.Next(1, 13),
            Male = rng.Chance(group == GlycaemicGroup.Healthy ? 0.55 : 0.7),
            BaseSteps = Math.Clamp(rng.Normal(group == GlycaemicGroup.Healthy ? 8000 : 6500, 1800), 1500, 16000),
            Weight = Math.Clamp(rng.Normal(group == GlycaemicGroup.Healthy ? 64 : 74, 11), 40, 140),
            Systolic = Math.Clamp(rng.Normal(group == GlycaemicGroup.Healthy ? 121 : 131, 12), 95, 180),
            Municipality = rng.Next(100, 400),
            Commute = CodeLists.Commute[rng.Next(CodeLists.Commute.Count)],
        };
    }

    private static void WriteParticipant(Holder holder, Participant p, DemoDataOptions options)
    {
        var end = options.Start.AddDays(options.Days - 1);
        var ended = p.Index % 10 == 0 ? "" : end.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        var residence = $"{ConsortiumPrefecture[p.Consortium]:D2}{p.Municipality:D3}";
        holder.Outputs["participants"].WriteLine(string.Join(',',
            p.Id, holder.Id, $"{p.BirthYear:D4}{p.BirthMonth:D2}", p.Male ? "1" : "2", options.Start.ToString("yyyyMMdd", CultureInfo.InvariantCulture), ended,
            residence, p.Commute, "0", p.Device.Position, p.Intervention ? "1" : "0", UpdateStamp(options.Start.AddDays(-7), p.Index)));
    }

    private static void WriteActivity(Holder holder, Participant p, DemoDataOptions options, byte[][] days, ref SplitMix64 rng, Stats stats)
    {
        var output = holder.Outputs["activity"];
        Span<byte> line = stackalloc byte[256];
        var consortium = Encoding.ASCII.GetBytes(holder.Id);
        var id = Encoding.ASCII.GetBytes(p.Id);
        var manufacturer = Encoding.ASCII.GetBytes(p.Device.Manufacturer);
        var model = Encoding.ASCII.GetBytes(p.Device.Model);
        var serial = Encoding.ASCII.GetBytes(p.Serial);
        var position = Encoding.ASCII.GetBytes(p.Device.Position);
        for (var d = 0; d < options.Days; d++)
        {
            if (rng.Chance(0.03)) continue; // device not worn that day
            var weekday = (options.Start.DayNumber + d) % 7;
            var weekend = weekday is 5 or 6; // DayNumber 0 is a Monday
            var uplift = p.Intervention && d >= 14 ? 1.15 : 1.0;
            var trueSteps = p.BaseSteps * uplift * (weekend ? 0.8 : 1.0) * Math.Exp(rng.Normal(0, 0.25));
            var steps = (int)Math.Clamp(Math.Round(trueSteps * (1 + p.Device.Bias)), 0, 99_999);
            var inputCode = rng.Chance(0.01) ? (byte)'1' : rng.Chance(0.005) ? (byte)'2' : (byte)'0';
            var activity = new ActivityValues(steps, (int)Math.Min(1440, steps / 110.0), (int)Math.Min(1440, Math.Max(0, steps - 4000) / 180.0),
                (int)Math.Round(steps * 0.35), (int)Math.Round(p.Weight * 24 * 10 + steps * 0.35), rng.Chance(0.1), inputCode, rng.Chance(0.2) ? (byte)'1' : (byte)'0');
            var invalid = rng.Chance(options.InvalidRate) ? 1 + rng.Next(3) : 0;
            if (invalid > 0) stats.Invalid++;
            var length = ActivityLine(line, consortium, id, days[d], activity, manufacturer, model, serial, position, invalid, days[d + 1], rng.Next(1000));
            output.WriteAscii(line[..length]);
            if (rng.Chance(options.ResendRate))
            {
                // The device synchronised late: the holder resends the day a day later with the full count.
                stats.Resent++;
                var resent = activity with { Steps = Math.Min(99_999, steps + 500 + rng.Next(2000)), InputCode = (byte)'2' };
                length = ActivityLine(line, consortium, id, days[d], resent, manufacturer, model, serial, position, 0, days[d + 2], rng.Next(1000));
                output.WriteAscii(line[..length]);
            }
        }
    }

    /// <summary>One activity row as bytes; <paramref name="invalid"/> 1-3 breaks a digit limit, a code list or a date.</summary>
    private static int ActivityLine(Span<byte> line, byte[] consortium, byte[] id, byte[] day, ActivityValues a, byte[] manufacturer, byte[] model, byte[] serial, byte[] position, int invalid, byte[] updateDay, int millis)
    {
        var n = 0;
        Put(line, ref n, consortium);
        Put(line, ref n, id);
        if (invalid == 3)
        {
            Put(line, ref n, "20250231000000"u8, comma: true);
        }
        else
        {
            Put(line, ref n, day, comma: false);
            Put(line, ref n, "000000"u8);
        }

        Number(line, ref n, invalid == 1 ? a.Steps + 100_000 : a.Steps);
        Number(line, ref n, a.WalkMinutes);
        if (a.NoIntensity) line[n++] = (byte)',';
        else Number(line, ref n, a.ModerateMinutes);
        Tenths(line, ref n, a.CaloriesTenths);
        Tenths(line, ref n, a.TotalCaloriesTenths);
        Put(line, ref n, manufacturer);
        Put(line, ref n, model);
        Put(line, ref n, serial);
        Put(line, ref n, "1440"u8);
        line[n++] = invalid == 2 ? (byte)'7' : a.InputCode;
        line[n++] = (byte)',';
        Put(line, ref n, position);
        line[n++] = a.TimeOrigin;
        line[n++] = (byte)',';
        // update_time: the next morning (a resend one day later), 06:00:00.mmm.
        Put(line, ref n, updateDay, comma: false);
        Put(line, ref n, "060000"u8, comma: false);
        n += Digits(line[n..], millis, 3);
        return n;
    }

    private static void WriteWeight(Holder holder, Participant p, DemoDataOptions options, ref SplitMix64 rng, Stats stats)
    {
        var output = holder.Outputs["weight"];
        var device = p.Consortium % 2 == 0 ? "オムロン HBF-228T" : "タニタ BC-768";
        for (var d = rng.Next(7); d < options.Days; d += 7)
        {
            if (rng.Chance(0.1)) continue;
            // The intervention arm loses about 2 kg over the year, the control arm about 0.5 kg.
            var trend = (p.Intervention ? -2.0 : -0.5) * d / 365.0;
            var kg = Math.Clamp(p.Weight + trend + rng.Normal(0, 0.6), 30, 199);
            var day = options.Start.AddDays(d);
            output.WriteLine(string.Join(',', holder.Id, p.Id, Stamp(day, 7, rng.Next(60)), kg.ToString("0.0", CultureInfo.InvariantCulture),
                rng.Chance(0.05) ? "" : device, UpdateStamp(day.AddDays(1), rng.Next(1000))));
        }
    }

    private static void WriteHomeBloodPressure(Holder holder, Participant p, DemoDataOptions options, ref SplitMix64 rng)
    {
        var output = holder.Outputs["home_blood_pressure"];
        for (var d = rng.Next(3); d < options.Days; d += 3)
        {
            if (rng.Chance(0.15)) continue;
            var systolic = (int)Math.Round(Math.Clamp(p.Systolic - (p.Intervention ? 4.0 * d / 365.0 : 0) + rng.Normal(0, 7), 80, 230));
            var diastolic = (int)Math.Round(Math.Clamp(systolic * 0.62 + rng.Normal(0, 5), 45, 140));
            var pulse = rng.Chance(0.05) ? "" : ((int)Math.Round(Math.Clamp(rng.Normal(70, 8), 45, 120))).ToString(CultureInfo.InvariantCulture);
            var day = options.Start.AddDays(d);
            output.WriteLine(string.Join(',', holder.Id, p.Id, Stamp(day, 6, rng.Next(60)), systolic.ToString(CultureInfo.InvariantCulture),
                diastolic.ToString(CultureInfo.InvariantCulture), pulse, "オムロン HEM-7600T", UpdateStamp(day, 700 + rng.Next(200))));
        }
    }

    private static void WriteCheckup(Holder holder, Participant p, DemoDataOptions options, ref SplitMix64 rng)
    {
        var output = holder.Outputs["checkup_blood_pressure"];
        foreach (var d in new[] { 30 + rng.Next(60), Math.Max(0, options.Days - 60 + rng.Next(30)) })
        {
            if (d >= options.Days) continue;
            var systolic = (int)Math.Round(Math.Clamp(p.Systolic + 4 + rng.Normal(0, 9), 85, 230));
            var diastolic = (int)Math.Round(Math.Clamp(systolic * 0.63 + rng.Normal(0, 6), 45, 140));
            var day = options.Start.AddDays(d);
            output.WriteLine(string.Join(',', holder.Id, p.Id, day.ToString("yyyyMMdd", CultureInfo.InvariantCulture),
                systolic.ToString(CultureInfo.InvariantCulture), diastolic.ToString(CultureInfo.InvariantCulture), UpdateStamp(day.AddDays(14), rng.Next(1000))));
        }
    }

    /// <summary>
    /// Quarterly HbA1c. The 3-month change of mild diabetics averages −0.56 with intervention and −0.16 without (the
    /// programme's result); pre-diabetics move half as much; healthy participants do not move. Later quarters keep
    /// most of the gain.
    /// </summary>
    private static void WriteHbA1c(Holder holder, Participant p, DemoDataOptions options, ref SplitMix64 rng, Stats stats)
    {
        var output = holder.Outputs["hba1c"];
        var effect = (p.Group, p.Intervention) switch
        {
            (GlycaemicGroup.MildDiabetes, true) => -0.56,
            (GlycaemicGroup.MildDiabetes, false) => -0.16,
            (GlycaemicGroup.PreDiabetes, true) => -0.28,
            (GlycaemicGroup.PreDiabetes, false) => -0.08,
            _ => 0.0,
        };
        var sd = p.Group == GlycaemicGroup.Healthy ? 0.08 : 0.25;
        var measured = Math.Round(p.BaselineHbA1c, 1);
        var threeMonth = Math.Round(p.BaselineHbA1c + effect + rng.Normal(0, sd), 1);
        for (var q = 0; q * 91 < options.Days; q++)
        {
            var value = q switch
            {
                0 => measured,
                1 => threeMonth,
                _ => Math.Round(threeMonth + (-effect * 0.2 * (q - 1)) + rng.Normal(0, sd * 0.6), 1),
            };
            value = Math.Clamp(value, 3.0, 19.9);
            var day = options.Start.AddDays(q * 91 + rng.Next(5));
            output.WriteLine(string.Join(',', holder.Id, p.Id, day.ToString("yyyyMMdd", CultureInfo.InvariantCulture),
                value.ToString("0.0", CultureInfo.InvariantCulture), "1", UpdateStamp(day.AddDays(10), rng.Next(1000))));
        }

        if (p.Group == GlycaemicGroup.MildDiabetes && options.Days > 91) (p.Intervention ? stats.ChangeIntervention : stats.ChangeControl).Add(threeMonth - measured);
    }

    /// <summary>Opt-outs (some withdrawn later) and per-purpose refusals (some as a later withdrawal of an earlier consent).</summary>
    private static void WriteConsent(Holder holder, Participant p, DemoDataOptions options, ref SplitMix64 rng, Stats stats)
    {
        var output = holder.Outputs["consent"];
        if (rng.Chance(options.OptOutRate))
        {
            stats.OptOuts++;
            var from = options.Start.AddDays(rng.Next(options.Days));
            output.WriteLine(ConsentLine(holder, p, "1", "", from, ref rng));
            if (rng.Chance(0.2)) output.WriteLine(ConsentLine(holder, p, "2", "", from.AddDays(30 + rng.Next(60)), ref rng));
        }

        if (rng.Chance(options.RefusalRate))
        {
            stats.Refusals++;
            // Commercial purposes are refused most often.
            var purpose = rng.Chance(0.7) ? (rng.Chance(0.5) ? "ai-training" : "product-development") : PurposeCodes[rng.Next(PurposeCodes.Length)];
            var from = options.Start.AddDays(rng.Next(options.Days));
            if (rng.Chance(0.4)) output.WriteLine(ConsentLine(holder, p, "3", purpose, options.Start, ref rng));
            output.WriteLine(ConsentLine(holder, p, "4", purpose, from, ref rng));
        }
        else if (rng.Chance(0.1))
        {
            output.WriteLine(ConsentLine(holder, p, "3", "scientific-research", options.Start, ref rng));
        }
    }

    private static string ConsentLine(Holder holder, Participant p, string action, string purpose, DateOnly from, ref SplitMix64 rng) =>
        string.Join(',', holder.Id, p.Id, action, purpose, from.ToString("yyyyMMdd", CultureInfo.InvariantCulture), UpdateStamp(from.AddDays(-1), rng.Next(1000)));

    private static byte[][] DayStamps(DateOnly start, int days) =>
        [.. Enumerable.Range(0, days).Select(d => Encoding.ASCII.GetBytes(start.AddDays(d).ToString("yyyyMMdd", CultureInfo.InvariantCulture)))];

    private static string Stamp(DateOnly day, int hour, int minute) =>
        string.Create(CultureInfo.InvariantCulture, $"{day:yyyyMMdd}{hour:D2}{minute:D2}00");

    private static string UpdateStamp(DateOnly day, int millis) =>
        string.Create(CultureInfo.InvariantCulture, $"{day:yyyyMMdd}060000{Math.Abs(millis) % 1000:D3}");

    private static void Put(Span<byte> line, ref int n, ReadOnlySpan<byte> value, bool comma = true)
    {
        value.CopyTo(line[n..]);
        n += value.Length;
        if (comma) line[n++] = (byte)',';
    }

    private static void Number(Span<byte> line, ref int n, int value)
    {
        Utf8Formatter.TryFormat(value, line[n..], out var written);
        n += written;
        line[n++] = (byte)',';
    }

    private static void Tenths(Span<byte> line, ref int n, int tenths)
    {
        tenths = Math.Clamp(tenths, 0, 99_999);
        Utf8Formatter.TryFormat(tenths / 10, line[n..], out var written);
        n += written;
        line[n++] = (byte)'.';
        line[n++] = (byte)('0' + tenths % 10);
        line[n++] = (byte)',';
    }

    private static int Digits(Span<byte> target, int value, int width)
    {
        for (var i = width - 1; i >= 0; i--)
        {
            target[i] = (byte)('0' + value % 10);
            value /= 10;
        }

        return width;
    }

    private sealed record Holder(string Id, Dictionary<string, CsvOutput> Outputs);

    private sealed record ActivityValues(int Steps, int WalkMinutes, int ModerateMinutes, int CaloriesTenths, int TotalCaloriesTenths, bool NoIntensity, byte InputCode, byte TimeOrigin);

    private sealed class Participant
    {
        public required int Index { get; init; }

        public required string Id { get; init; }

        public required int Consortium { get; init; }

        public required GlycaemicGroup Group { get; init; }

        public required bool Intervention { get; init; }

        public required double BaselineHbA1c { get; init; }

        public required DeviceModel Device { get; init; }

        public required string Serial { get; init; }

        public required int BirthYear { get; init; }

        public required int BirthMonth { get; init; }

        public required bool Male { get; init; }

        public required double BaseSteps { get; init; }

        public required double Weight { get; init; }

        public required double Systolic { get; init; }

        public required int Municipality { get; init; }

        public required string Commute { get; init; }
    }

    private sealed class Stats
    {
        public Dictionary<GlycaemicGroup, int> Groups { get; } = Enum.GetValues<GlycaemicGroup>().ToDictionary(g => g, _ => 0);

        public int Intervention { get; set; }

        public long Resent { get; set; }

        public long Invalid { get; set; }

        public int OptOuts { get; set; }

        public int Refusals { get; set; }

        public RunningMean ChangeIntervention { get; } = new();

        public RunningMean ChangeControl { get; } = new();

        public void Count(Participant p)
        {
            Groups[p.Group]++;
            if (p.Intervention) Intervention++;
        }
    }

    private sealed class RunningMean
    {
        private double _sum;
        private long _count;

        public double Mean => _count == 0 ? 0 : _sum / _count;

        public void Add(double value)
        {
            _sum += value;
            _count++;
        }
    }
}
