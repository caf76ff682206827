using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Gatekeeper.Domain.Applications;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Gatekeeper.Disclosure.Policies;

/// <summary>
/// Reads a disclosure policy YAML file (<c>policies/disclosure/*.yaml</c>). The SHA-256 of the file
/// bytes identifies the version in every verdict. Anything wrong (syntax, unknown key, value out of
/// range, inconsistent hierarchy) is refused with a <see cref="DisclosurePolicyException"/> naming the
/// file and the reason: a policy is never half-loaded.
/// </summary>
public static class DisclosurePolicyLoader
{
    public static DisclosurePolicy Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path)) throw new DisclosurePolicyException(path, "the policy file does not exist.");
        return Parse(File.ReadAllBytes(path), path);
    }

    /// <summary>Parses policy bytes; <paramref name="source"/> names them in errors and in the reference.</summary>
    public static DisclosurePolicy Parse(byte[] bytes, string source)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(bytes));
        PolicyFile file;
        try
        {
            var deserializer = new DeserializerBuilder().WithNamingConvention(UnderscoredNamingConvention.Instance).Build();
            file = deserializer.Deserialize<PolicyFile?>(new StringReader(Encoding.UTF8.GetString(bytes)))
                   ?? throw new DisclosurePolicyException(source, "the file is empty.");
        }
        catch (YamlException ex)
        {
            var inner = ex.InnerException is null ? string.Empty : $" ({ex.InnerException.Message})";
            throw new DisclosurePolicyException(source, $"line {ex.Start.Line}: {ex.Message}{inner}", ex);
        }

        return new Mapper(source).Map(file, sha256);
    }

    private sealed class Mapper(string source)
    {
        public DisclosurePolicy Map(PolicyFile f, string sha256)
        {
            var id = Required(f.Id, "id");
            if (id.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')))
                Fail($"'id' may hold letters, digits, '-', '_' and '.' only, got '{id}'.");
            return new DisclosurePolicy
            {
                Reference = new PolicyReference(id, Required(f.Version, "version"), sha256, source),
                Description = f.Description?.Trim() ?? string.Empty,
                Scope = Scope(f.AppliesTo),
                Tables = Tables(f.Tables),
                Microdata = Microdata(f.Microdata),
                DifferentialPrivacy = DifferentialPrivacy(f.DifferentialPrivacy),
                Release = Release(f.Release),
                Runs = Runs(f.Runs),
            };
        }

        private RunLimitsPolicy Runs(RunsFile? r)
        {
            if (r is null) return RunLimitsPolicy.None;
            void AtLeast(long? value, long minimum, string field, long maximum = long.MaxValue)
            {
                if (value is { } v && (v < minimum || v > maximum))
                    Fail(maximum == long.MaxValue ? $"'runs.{field}' must be at least {minimum}, got {v}." : $"'runs.{field}' must be in {minimum}..{maximum}, got {v}.");
            }

            AtLeast(r.WallClockSeconds, 1, "wall_clock_seconds", 7 * 24 * 3600);
            AtLeast(r.MemoryMb, 64, "memory_mb");
            AtLeast(r.CpuSeconds, 1, "cpu_seconds");
            AtLeast(r.MaxOutputRows, 1, "max_output_rows");
            AtLeast(r.MaxOutputBytes, 1024, "max_output_bytes");
            AtLeast(r.Threads, 1, "threads", 256);
            return new RunLimitsPolicy
            {
                WallClockSeconds = r.WallClockSeconds, MemoryMb = r.MemoryMb, CpuSeconds = r.CpuSeconds,
                MaxOutputRows = r.MaxOutputRows, MaxOutputBytes = r.MaxOutputBytes, Threads = r.Threads,
            };
        }

        private ReleasePolicy Release(ReleaseFile? r)
        {
            var d = ReleasePolicy.Default;
            if (r is null) return d;
            var formats = r.Formats?.Select(x => x.Trim().ToLowerInvariant()).Distinct().ToList() ?? [.. d.Formats];
            foreach (var format in formats.Where(x => !ReleasePolicy.KnownFormats.Contains(x)))
                Fail($"'release.formats' may list {string.Join(" and ", ReleasePolicy.KnownFormats)} only, got '{format}'.");
            if (!formats.Contains("csv")) Fail("'release.formats' must include csv (every release carries a readable table).");
            var policy = new ReleasePolicy
            {
                Formats = formats,
                MaxRowsPerOutput = r.MaxRowsPerOutput ?? d.MaxRowsPerOutput,
                MaxBytesPerOutput = r.MaxBytesPerOutput ?? d.MaxBytesPerOutput,
            };
            if (policy.MaxRowsPerOutput < 1) Fail($"'release.max_rows_per_output' must be at least 1, got {policy.MaxRowsPerOutput}.");
            if (policy.MaxBytesPerOutput < 1) Fail($"'release.max_bytes_per_output' must be at least 1, got {policy.MaxBytesPerOutput}.");
            return policy;
        }

        private DifferentialPrivacyPolicy? DifferentialPrivacy(DifferentialPrivacyFile? d)
        {
            if (d is null) return null;
            const string At = "differential_privacy";
            var measure = d.Measure switch
            {
                null or "pure-dp" => Privacy.Budget.PrivacyBudgetModel.ApproximateDp,
                "zcdp" => Privacy.Budget.PrivacyBudgetModel.ZeroConcentratedDp,
                _ => throw Error($"'{At}.measure' must be pure-dp (discrete Laplace, ε) or zcdp (discrete Gaussian, ρ), got '{d.Measure}'."),
            };
            var file = d.PerQuery ?? throw Error($"'{At}.per_query' is required: what one query spends ({(measure == Privacy.Budget.PrivacyBudgetModel.ApproximateDp ? "epsilon" : "rho")}, and delta for partition selection).");
            var q = (Epsilon: Number(file.Epsilon, $"{At}.per_query.epsilon"), Rho: Number(file.Rho, $"{At}.per_query.rho"), Delta: Number(file.Delta, $"{At}.per_query.delta"));
            var conversionDelta = Number(d.ConversionDelta, $"{At}.conversion_delta");
            if (measure == Privacy.Budget.PrivacyBudgetModel.ApproximateDp)
            {
                if (q.Epsilon is not { } e || e <= 0) Fail($"'{At}.per_query.epsilon' must be a positive number under pure-dp, got {(q.Epsilon is { } x ? Text(x) : "nothing")}.");
                if (q.Rho is not null) Fail($"'{At}.per_query.rho' belongs to measure zcdp; under pure-dp give epsilon.");
            }
            else
            {
                if (q.Rho is not { } r || r <= 0) Fail($"'{At}.per_query.rho' must be a positive number under zcdp, got {(q.Rho is { } x ? Text(x) : "nothing")}.");
                if (q.Epsilon is not null) Fail($"'{At}.per_query.epsilon' belongs to measure pure-dp; under zcdp give rho.");
                if (conversionDelta is not { } cd || cd <= 0 || cd >= 1) Fail($"'{At}.conversion_delta' must be in (0, 1) under zcdp (to state costs as (ε, δ) for the permit's budget).");
            }

            var delta = q.Delta ?? 0m;
            if (delta is < 0 or >= 1) Fail($"'{At}.per_query.delta' must be in [0, 1), got {Text(delta)}.");
            var c = d.Contribution ?? throw Error($"'{At}.contribution' is required: max_rows_per_person and max_groups_per_person bound what one person can add.");
            var rows = c.MaxRowsPerPerson ?? 0;
            var groups = c.MaxGroupsPerPerson ?? 0;
            if (rows < 1) Fail($"'{At}.contribution.max_rows_per_person' must be at least 1.");
            if (groups < 1) Fail($"'{At}.contribution.max_groups_per_person' must be at least 1.");
            if (c.MaxRowsPerGroup is { } rpg && (rpg < 1 || rpg > c.MaxRowsPerPerson)) Fail($"'{At}.contribution.max_rows_per_group' must be in 1..max_rows_per_person, got {rpg}.");

            var bounds = new Dictionary<string, DpColumnBounds>(StringComparer.Ordinal);
            foreach (var (column, b) in d.Bounds ?? [])
            {
                var where = $"'{At}.bounds.{column}'";
                if (string.IsNullOrWhiteSpace(column)) Fail($"'{At}.bounds' has an empty column name.");
                if (b?.Lower is not { } lo || b.Upper is not { } hi) throw Error($"{where} needs lower and upper.");
                if (lo > hi) Fail($"{where}: lower {Text(lo)} is above upper {Text(hi)}.");
                if (b.Impute is { } imp && (imp < lo || imp > hi)) Fail($"{where}: impute {Text(imp)} must lie within [{Text(lo)}, {Text(hi)}].");
                bounds[column] = new DpColumnBounds((double)lo, (double)hi, b.Impute is { } i ? (double)i : null);
            }

            var keys = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
            foreach (var (column, values) in d.GroupKeys?.Public ?? [])
            {
                var where = $"'{At}.group_keys.public.{column}'";
                if (values is null || values.Count == 0) Fail($"{where} lists no values.");
                if (values!.Exists(v => v is null)) Fail($"{where} has an empty value; public keys are explicit values.");
                if (values.Distinct(StringComparer.Ordinal).Count() != values.Count) Fail($"{where} lists a value twice.");
                keys[column] = [.. values];
            }

            var selection = d.GroupKeys?.PartitionSelection ?? false;
            if (selection && delta <= 0) Fail($"'{At}.group_keys.partition_selection' needs '{At}.per_query.delta' > 0 (τ-thresholding releases a rare group with probability at most δ).");
            var padding = d.ReleasePaddingMs ?? 200;
            if (padding is < 1 or > 60_000) Fail($"'{At}.release_padding_ms' must be in 1..60000, got {padding}.");
            return new DifferentialPrivacyPolicy
            {
                Required = d.Required ?? throw Error($"'{At}.required' is required (true: aggregate statistics leave only with DP noise)."),
                Measure = measure,
                Epsilon = q.Epsilon,
                Rho = q.Rho,
                Delta = delta,
                ConversionDelta = conversionDelta,
                MaxRowsPerPerson = rows,
                MaxGroupsPerPerson = groups,
                MaxRowsPerGroup = c.MaxRowsPerGroup,
                Bounds = bounds,
                PublicKeys = keys,
                PartitionSelection = selection,
                ReleasePaddingMs = padding,
            };
        }

        private PolicyScope Scope(ScopeFile? s)
        {
            if (s is null) return new PolicyScope();
            var datasets = s.Datasets ?? ["*"];
            if (datasets.Count == 0 || datasets.Exists(string.IsNullOrWhiteSpace)) Fail("'applies_to.datasets' needs at least one non-empty dataset id (or \"*\").");
            var tiers = (s.Tiers ?? ["aggregate-statistics", "anonymised-microdata"]).Select(Tier).ToList();
            if (tiers.Count == 0) Fail("'applies_to.tiers' needs at least one tier.");
            return new PolicyScope { Datasets = datasets, Tiers = tiers.Distinct().ToList() };
        }

        private OutputTier Tier(string t) => t switch
        {
            "aggregate-statistics" => OutputTier.AggregateStatistics,
            "anonymised-microdata" => OutputTier.AnonymisedMicrodata,
            "pseudonymised-microdata" => OutputTier.PseudonymisedMicrodata,
            _ => throw Error($"'applies_to.tiers': unknown tier '{t}' (aggregate-statistics, anonymised-microdata, pseudonymised-microdata)."),
        };

        private TablePolicy Tables(TablesFile? t)
        {
            var d = TablePolicy.Default;
            if (t is null) return d;
            var policy = new TablePolicy
            {
                Threshold = t.Threshold ?? d.Threshold,
                ZerosAreDisclosive = t.ZerosAreDisclosive ?? d.ZerosAreDisclosive,
                CheckMissingValues = t.CheckMissingValues ?? d.CheckMissingValues,
                PRatioEnabled = t.PRatio?.Enabled ?? d.PRatioEnabled,
                P = t.PRatio?.P ?? d.P,
                NkDominanceEnabled = t.NkDominance?.Enabled ?? d.NkDominanceEnabled,
                N = t.NkDominance?.N ?? d.N,
                K = t.NkDominance?.K ?? d.K,
                MinDegreesOfFreedom = t.MinDegreesOfFreedom ?? d.MinDegreesOfFreedom,
                AllowMinMax = t.AllowMinMax ?? d.AllowMinMax,
                Mitigation = t.Mitigation is null ? d.Mitigation : t.Mitigation switch
                {
                    "none" => MitigationMethod.None,
                    "suppress" => MitigationMethod.Suppress,
                    "round" => MitigationMethod.Round,
                    "redact" => MitigationMethod.Redact,
                    _ => throw Error($"'tables.mitigation' must be none, suppress, round or redact, got '{t.Mitigation}'."),
                },
                RoundingBase = t.RoundingBase ?? d.RoundingBase,
                SecondarySuppression = t.SecondarySuppression is null ? d.SecondarySuppression : t.SecondarySuppression switch
                {
                    "complementary" => SecondarySuppressionStrategy.Complementary,
                    "margins" => SecondarySuppressionStrategy.Margins,
                    _ => throw Error($"'tables.secondary_suppression' must be complementary or margins, got '{t.SecondarySuppression}'."),
                },
                Differencing = t.Differencing ?? d.Differencing,
            };
            if (policy.Threshold < 1) Fail($"'tables.threshold' must be at least 1, got {policy.Threshold}.");
            if (policy.P is <= 0 or > 1) Fail($"'tables.p_ratio.p' must be in (0, 1], got {Text(policy.P)}.");
            if (policy.N is not (1 or 2)) Fail($"'tables.nk_dominance.n' must be 1 or 2 (shadow statistics carry the two largest contributions), got {policy.N}.");
            if (policy.K is <= 0 or > 1) Fail($"'tables.nk_dominance.k' must be in (0, 1], got {Text(policy.K)}.");
            if (policy.MinDegreesOfFreedom < 0) Fail($"'tables.min_degrees_of_freedom' cannot be negative, got {policy.MinDegreesOfFreedom}.");
            if (policy.RoundingBase < 2) Fail($"'tables.rounding_base' must be at least 2, got {policy.RoundingBase}.");
            return policy;
        }

        private MicrodataPolicy Microdata(MicrodataFile? m)
        {
            var d = new MicrodataPolicy();
            if (m is null) return d;
            var policy = new MicrodataPolicy
            {
                K = m.K ?? d.K,
                ReportKFrom = m.ReportK?.From ?? d.ReportKFrom,
                ReportKTo = m.ReportK?.To ?? d.ReportKTo,
                SuppressionLimit = m.SuppressionLimit ?? d.SuppressionLimit,
                RiskThreshold = m.RiskThreshold ?? (m.K is { } k and > 0 ? 1m / k : d.RiskThreshold),
                MaxMarketerRisk = m.MaxMarketerRisk,
                SamplingFraction = m.SamplingFraction,
                QuasiIdentifiers = (m.QuasiIdentifiers ?? []).Select(QuasiIdentifier).ToList(),
                SensitiveAttributes = (m.SensitiveAttributes ?? []).Select(Sensitive).ToList(),
            };
            if (policy.K < 2) Fail($"'microdata.k' must be at least 2, got {policy.K}.");
            if (policy.ReportKFrom < 2 || policy.ReportKTo < policy.ReportKFrom || policy.ReportKTo > 1000)
                Fail($"'microdata.report_k' must satisfy 2 ≤ from ≤ to ≤ 1000, got {policy.ReportKFrom}..{policy.ReportKTo}.");
            if (policy.SuppressionLimit is < 0 or >= 1) Fail($"'microdata.suppression_limit' must be in [0, 1), got {Text(policy.SuppressionLimit)}.");
            if (policy.RiskThreshold is <= 0 or > 1) Fail($"'microdata.risk_threshold' must be in (0, 1], got {Text(policy.RiskThreshold)}.");
            if (policy.MaxMarketerRisk is { } mr && mr is <= 0 or > 1) Fail($"'microdata.max_marketer_risk' must be in (0, 1], got {Text(mr)}.");
            if (policy.SamplingFraction is { } sf && sf is <= 0 or > 1) Fail($"'microdata.sampling_fraction' must be in (0, 1], got {Text(sf)}.");
            var columns = new HashSet<string>(StringComparer.Ordinal);
            foreach (var q in policy.QuasiIdentifiers)
            {
                if (!columns.Add(q.Column)) Fail($"quasi-identifier '{q.Column}' appears twice.");
            }

            foreach (var s in policy.SensitiveAttributes)
            {
                if (!columns.Add(s.Column)) Fail($"sensitive attribute '{s.Column}' appears twice or is also a quasi-identifier.");
            }

            return policy;
        }

        private QuasiIdentifierPolicy QuasiIdentifier(QuasiIdentifierFile q, int index)
        {
            var column = Required(q.Column, $"microdata.quasi_identifiers[{index}].column");
            var kind = Kind(q.Kind, $"quasi-identifier '{column}'");
            var steps = (q.Hierarchy ?? []).Select((s, i) => Step(s, column, kind, i + 1)).ToList();
            var start = q.StartLevel ?? (steps.Count > 0 ? 1 : 0);
            if (start < 0 || start > steps.Count) Fail($"quasi-identifier '{column}': 'start_level' must be in 0..{steps.Count}, got {start}.");
            return new QuasiIdentifierPolicy { Column = column, Kind = kind, Hierarchy = steps, StartLevel = start };
        }

        private GeneralisationStep Step(StepFile s, string column, AttributeKind kind, int level)
        {
            var where = $"quasi-identifier '{column}' hierarchy level {level}";
            var set = (s.Band is null ? 0 : 1) + (s.Date is null ? 0 : 1) + (s.Prefix is null ? 0 : 1) + (s.Map is null ? 0 : 1) + (s.Suppress is true ? 1 : 0);
            if (set != 1) Fail($"{where}: give exactly one of band, date, prefix, map, suppress.");
            if (s.Band is { } width)
            {
                if (kind != AttributeKind.Numeric) Fail($"{where}: 'band' needs a numeric column.");
                if (width <= 0) Fail($"{where}: band width must be positive, got {Text(width)}.");
                return new GeneralisationStep { Kind = GeneralisationKind.Band, Width = width, Origin = s.Origin ?? 0 };
            }

            if (s.Date is { } unit)
            {
                if (kind != AttributeKind.Date) Fail($"{where}: 'date' needs a date column.");
                return unit switch
                {
                    "month" => new GeneralisationStep { Kind = GeneralisationKind.Month },
                    "year" => new GeneralisationStep { Kind = GeneralisationKind.Year },
                    _ => throw Error($"{where}: 'date' must be month or year, got '{unit}'."),
                };
            }

            if (s.Prefix is { } length)
            {
                if (length < 1) Fail($"{where}: prefix length must be at least 1, got {length}.");
                return new GeneralisationStep { Kind = GeneralisationKind.Prefix, Length = length };
            }

            if (s.Map is { } map)
            {
                if (map.Count == 0) Fail($"{where}: 'map' is empty.");
                return new GeneralisationStep { Kind = GeneralisationKind.Map, Mapping = map, Default = s.Default };
            }

            return new GeneralisationStep { Kind = GeneralisationKind.Suppress };
        }

        private SensitiveAttributePolicy Sensitive(SensitiveFile s, int index)
        {
            var column = Required(s.Column, $"microdata.sensitive_attributes[{index}].column");
            var policy = new SensitiveAttributePolicy
            {
                Column = column,
                Kind = Kind(s.Kind, $"sensitive attribute '{column}'"),
                DistinctL = s.DistinctL ?? 2,
                EntropyL = s.EntropyL ?? 0,
                T = s.T,
            };
            if (policy.DistinctL < 0) Fail($"sensitive attribute '{column}': 'distinct_l' cannot be negative.");
            if (policy.EntropyL < 0 || (policy.EntropyL > 0 && policy.EntropyL < 1)) Fail($"sensitive attribute '{column}': 'entropy_l' must be 0 (off) or at least 1, got {Text(policy.EntropyL)}.");
            if (policy.T is { } t && t is < 0 or > 1) Fail($"sensitive attribute '{column}': 't' must be in [0, 1], got {Text(t)}.");
            return policy;
        }

        private AttributeKind Kind(string? kind, string where) => kind switch
        {
            null or "categorical" => AttributeKind.Categorical,
            "ordinal" => AttributeKind.Ordinal,
            "numeric" => AttributeKind.Numeric,
            "date" => AttributeKind.Date,
            _ => throw Error($"{where}: 'kind' must be categorical, ordinal, numeric or date, got '{kind}'."),
        };

        /// <summary>A decimal written plainly or with an exponent (1e-7), or null when absent.</summary>
        private decimal? Number(string? text, string field)
        {
            if (text is null) return null;
            return decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
                ? value
                : throw Error($"'{field}' must be a number, got '{text}'.");
        }

        private string Required(string? value, string field) =>
            string.IsNullOrWhiteSpace(value) ? throw Error($"'{field}' is required.") : value.Trim();

        private static string Text(decimal d) => d.ToString(CultureInfo.InvariantCulture);

        private void Fail(string reason) => throw Error(reason);

        private DisclosurePolicyException Error(string reason) => new(source, reason);
    }

    // YAML shapes (underscored names); unknown keys are refused by the deserializer.
    private sealed class PolicyFile
    {
        public string? Id { get; set; }

        public string? Version { get; set; }

        public string? Description { get; set; }

        public ScopeFile? AppliesTo { get; set; }

        public TablesFile? Tables { get; set; }

        public MicrodataFile? Microdata { get; set; }

        public DifferentialPrivacyFile? DifferentialPrivacy { get; set; }

        public ReleaseFile? Release { get; set; }

        public RunsFile? Runs { get; set; }
    }

    private sealed class RunsFile
    {
        public int? WallClockSeconds { get; set; }

        public int? MemoryMb { get; set; }

        public int? CpuSeconds { get; set; }

        public long? MaxOutputRows { get; set; }

        public long? MaxOutputBytes { get; set; }

        public int? Threads { get; set; }
    }

    private sealed class DifferentialPrivacyFile
    {
        public bool? Required { get; set; }

        public string? Measure { get; set; }

        public PerQueryFile? PerQuery { get; set; }

        public string? ConversionDelta { get; set; }

        public ContributionFile? Contribution { get; set; }

        public Dictionary<string, BoundsFile?>? Bounds { get; set; }

        public GroupKeysFile? GroupKeys { get; set; }

        public int? ReleasePaddingMs { get; set; }
    }

    private sealed class PerQueryFile
    {
        public string? Epsilon { get; set; }

        public string? Rho { get; set; }

        public string? Delta { get; set; }
    }

    private sealed class ContributionFile
    {
        public int? MaxRowsPerPerson { get; set; }

        public int? MaxGroupsPerPerson { get; set; }

        public int? MaxRowsPerGroup { get; set; }
    }

    private sealed class BoundsFile
    {
        public decimal? Lower { get; set; }

        public decimal? Upper { get; set; }

        public decimal? Impute { get; set; }
    }

    private sealed class GroupKeysFile
    {
        public Dictionary<string, List<string>?>? Public { get; set; }

        public bool? PartitionSelection { get; set; }
    }

    private sealed class ScopeFile
    {
        public List<string>? Datasets { get; set; }

        public List<string>? Tiers { get; set; }
    }

    private sealed class ReleaseFile
    {
        public List<string>? Formats { get; set; }

        public long? MaxRowsPerOutput { get; set; }

        public long? MaxBytesPerOutput { get; set; }
    }

    private sealed class TablesFile
    {
        public int? Threshold { get; set; }

        public bool? ZerosAreDisclosive { get; set; }

        public bool? CheckMissingValues { get; set; }

        public PRatioFile? PRatio { get; set; }

        public NkFile? NkDominance { get; set; }

        public int? MinDegreesOfFreedom { get; set; }

        public bool? AllowMinMax { get; set; }

        public string? Mitigation { get; set; }

        public int? RoundingBase { get; set; }

        public string? SecondarySuppression { get; set; }

        public bool? Differencing { get; set; }
    }

    private sealed class PRatioFile
    {
        public bool? Enabled { get; set; }

        public decimal? P { get; set; }
    }

    private sealed class NkFile
    {
        public bool? Enabled { get; set; }

        public int? N { get; set; }

        public decimal? K { get; set; }
    }

    private sealed class MicrodataFile
    {
        public int? K { get; set; }

        public RangeFile? ReportK { get; set; }

        public decimal? SuppressionLimit { get; set; }

        public decimal? RiskThreshold { get; set; }

        public decimal? MaxMarketerRisk { get; set; }

        public decimal? SamplingFraction { get; set; }

        public List<QuasiIdentifierFile>? QuasiIdentifiers { get; set; }

        public List<SensitiveFile>? SensitiveAttributes { get; set; }
    }

    private sealed class RangeFile
    {
        public int? From { get; set; }

        public int? To { get; set; }
    }

    private sealed class QuasiIdentifierFile
    {
        public string? Column { get; set; }

        public string? Kind { get; set; }

        public int? StartLevel { get; set; }

        public List<StepFile>? Hierarchy { get; set; }
    }

    private sealed class StepFile
    {
        public decimal? Band { get; set; }

        public decimal? Origin { get; set; }

        public string? Date { get; set; }

        public int? Prefix { get; set; }

        public Dictionary<string, string>? Map { get; set; }

        public string? Default { get; set; }

        public bool? Suppress { get; set; }
    }

    private sealed class SensitiveFile
    {
        public string? Column { get; set; }

        public string? Kind { get; set; }

        public int? DistinctL { get; set; }

        public decimal? EntropyL { get; set; }

        public decimal? T { get; set; }
    }
}
