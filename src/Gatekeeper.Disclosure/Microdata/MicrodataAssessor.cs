using System.Globalization;
using System.Numerics;
using Gatekeeper.Disclosure.Policies;
using Gatekeeper.Disclosure.Verdicts;

namespace Gatekeeper.Disclosure.Microdata;

/// <summary>
/// Assesses a microdata output under a policy at given hierarchy levels: generalise the QIs (on their
/// dictionaries), group records into equivalence classes (packed keys, one hash pass), suppress the
/// records of classes smaller than k if they are within the suppression limit, then measure l-diversity,
/// t-closeness and re-identification risk on what remains. Counting is exact (integers); t-closeness is
/// an exact fraction compared exactly with the policy's t; entropy uses doubles (logarithms) with a
/// 1e-12 tolerance at the boundary so that a class spread evenly over l values meets entropy-l = l.
/// </summary>
public static class MicrodataAssessor
{
    private const double EntropyTolerance = 1e-12;

    public static MicrodataAssessment Assess(MicrodataTable table, DisclosurePolicy policy, IReadOnlyDictionary<string, int>? levels = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(policy);
        var messages = new List<string>();
        var mp = Present(policy.Microdata, table, messages);
        var n = table.RowCount;
        var chosen = ResolveLevels(table, mp, levels);
        var gens = mp.QuasiIdentifiers.Select(q => Generaliser.Generalise(table.Column(q.Column), q, chosen[q.Column])).ToList();
        var classes = EquivalenceClasses.Build(gens, n);

        // Records per class size, capped: enough for k and the reported range.
        var cap = Math.Max(mp.K, mp.ReportKTo) + 1;
        var recordsBySize = new long[cap + 1];
        var smallestBefore = int.MaxValue;
        foreach (var size in classes.Sizes)
        {
            recordsBySize[Math.Min(size, cap)] += size;
            smallestBefore = Math.Min(smallestBefore, size);
        }

        var shares = new List<KShare>();
        for (var k = mp.ReportKFrom; k <= mp.ReportKTo; k++)
        {
            long below = 0;
            for (var s = 1; s < k; s++) below += recordsBySize[s];
            shares.Add(new KShare(k, below, n == 0 ? 0 : (decimal)below / n));
        }

        long atRisk = 0;
        for (var s = 1; s < mp.K; s++) atRisk += recordsBySize[s];
        var withinLimit = atRisk <= mp.SuppressionLimit * n;
        var keepClass = new bool[classes.Count];
        for (var c = 0; c < keepClass.Length; c++) keepClass[c] = !withinLimit || classes.Sizes[c] >= mp.K;
        var suppressed = new List<int>();
        if (withinLimit && atRisk > 0)
        {
            for (var r = 0; r < n; r++)
            {
                if (!keepClass[classes.ClassOf[r]]) suppressed.Add(r);
            }
        }

        var smallestAfter = 0;
        for (var c = 0; c < keepClass.Length; c++)
        {
            if (keepClass[c] && (smallestAfter == 0 || classes.Sizes[c] < smallestAfter)) smallestAfter = classes.Sizes[c];
        }

        var findings = new List<MicrodataFinding>();
        var suppressedShare = n == 0 ? 0 : (decimal)suppressed.Count / n;
        findings.Add(KFinding(mp, atRisk, n, withinLimit));

        var start = mp.SensitiveAttributes.Count > 0 ? classes.ClassStarts() : [];
        var lResults = new List<LDiversityResult>();
        var tResults = new List<TClosenessResult>();
        foreach (var sp in mp.SensitiveAttributes)
        {
            var (l, t) = Sensitive(table.Column(sp.Column), sp, classes, keepClass, start);
            lResults.Add(l);
            if (t is not null) tResults.Add(t);
            if (sp.DistinctL > 0)
                findings.Add(new MicrodataFinding("distinct-l-diversity", sp.Column, l.DistinctPass ? CheckStatus.Pass : CheckStatus.Fail, $"Every class has at least {l.MinDistinct} distinct value(s) of '{sp.Column}'; the policy asks for {sp.DistinctL}."));
            if (sp.EntropyL > 0)
                findings.Add(new MicrodataFinding("entropy-l-diversity", sp.Column, l.EntropyPass ? CheckStatus.Pass : CheckStatus.Fail, string.Create(CultureInfo.InvariantCulture, $"The least diverse class of '{sp.Column}' has entropy-l {l.EntropyL:0.###}; the policy asks for {sp.EntropyL}.")));
            if (t is not null)
                findings.Add(new MicrodataFinding("t-closeness", sp.Column, t.Pass ? CheckStatus.Pass : CheckStatus.Fail, string.Create(CultureInfo.InvariantCulture, $"The largest {t.Distance.ToString().ToLowerInvariant()}-distance between a class's '{sp.Column}' and the whole table is {t.MaxDistance:0.####}; the policy allows {sp.T}.")));
        }

        var risk = Risk(mp, classes, keepClass, n - suppressed.Count);
        if (mp.MaxMarketerRisk is { } maxMarketer)
        {
            var classesKept = keepClass.Count(k => k);
            var pi = mp.SamplingFraction ?? 1m;
            var pass = classesKept * pi <= maxMarketer * (n - suppressed.Count);
            findings.Add(new MicrodataFinding("marketer-risk", null, pass ? CheckStatus.Pass : CheckStatus.Fail, string.Create(CultureInfo.InvariantCulture, $"Expected share of records re-identified {risk.MarketerAverage:0.####}; the policy allows {maxMarketer}.")));
        }

        var status = findings.Aggregate(CheckStatus.Pass, (s, f) => CheckStatusText.Worst(s, f.Outcome));
        return new MicrodataAssessment
        {
            Policy = policy.Reference,
            Status = status,
            RowCount = n,
            Generalisations = gens.Select(g => new GeneralisationApplied(g.Source.Name, g.Level, g.Description, g.Source.Dictionary.Count, g.Cardinality)).ToList(),
            Levels = chosen,
            KAnonymity = new KAnonymityReport(mp.K, classes.Count == 0 ? 0 : smallestBefore, smallestAfter, keepClass.Count(k => k), shares),
            SuppressedRows = suppressed,
            SuppressedShare = suppressedShare,
            LDiversity = lResults,
            TCloseness = tResults,
            Risk = risk,
            Findings = findings,
            Messages = messages,
            AnonymisedFactory = new Lazy<MicrodataTable>(() => Anonymise(table, gens, classes, keepClass)),
        };
    }

    /// <summary>
    /// The policy restricted to the columns the output has: a quasi-identifier or sensitive attribute the
    /// researcher did not take out carries no risk here (data minimisation); each one left out is noted.
    /// </summary>
    internal static MicrodataPolicy Present(MicrodataPolicy mp, MicrodataTable table, List<string>? messages)
    {
        foreach (var q in mp.QuasiIdentifiers.Where(q => !table.HasColumn(q.Column)))
            messages?.Add($"Quasi-identifier '{q.Column}' is not in the output; it is not considered.");
        foreach (var s in mp.SensitiveAttributes.Where(s => !table.HasColumn(s.Column)))
            messages?.Add($"Sensitive attribute '{s.Column}' is not in the output; it is not considered.");
        return mp with
        {
            QuasiIdentifiers = mp.QuasiIdentifiers.Where(q => table.HasColumn(q.Column)).ToList(),
            SensitiveAttributes = mp.SensitiveAttributes.Where(s => table.HasColumn(s.Column)).ToList(),
        };
    }

    internal static Dictionary<string, int> ResolveLevels(MicrodataTable table, MicrodataPolicy mp, IReadOnlyDictionary<string, int>? levels)
    {
        var chosen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var q in mp.QuasiIdentifiers)
        {
            table.Column(q.Column);
            var level = levels is not null && levels.TryGetValue(q.Column, out var l) ? l : q.StartLevel;
            if (level < 0 || level > q.Hierarchy.Count)
                throw new ArgumentException($"Quasi-identifier '{q.Column}' has levels 0..{q.Hierarchy.Count}, not {level}.", nameof(levels));
            chosen[q.Column] = level;
        }

        return chosen;
    }

    private static MicrodataFinding KFinding(MicrodataPolicy mp, long atRisk, int n, bool withinLimit)
    {
        var share = n == 0 ? 0 : (double)atRisk / n;
        if (atRisk == 0)
            return new MicrodataFinding("k-anonymity", null, CheckStatus.Pass, $"Every equivalence class has at least {mp.K} records.");
        var text = string.Create(CultureInfo.InvariantCulture, $"{atRisk} record(s) ({share:0.##%}) are in classes smaller than {mp.K}");
        return withinLimit
            ? new MicrodataFinding("k-anonymity", null, CheckStatus.Pass, string.Create(CultureInfo.InvariantCulture, $"{text}; they are suppressed (limit {mp.SuppressionLimit:0.##%}).")) 
            : new MicrodataFinding("k-anonymity", null, CheckStatus.Fail, string.Create(CultureInfo.InvariantCulture, $"{text}: more than the suppression limit {mp.SuppressionLimit:0.##%}; generalise further."));
    }

    private static (LDiversityResult L, TClosenessResult? T) Sensitive(MicrodataColumn column, SensitiveAttributePolicy sp, EquivalenceClasses classes, bool[] keepClass, int[] start)
    {
        var m = column.Dictionary.Count;
        var codes = classes.GroupByClass(column.Codes, start);

        // Distribution of the whole released table.
        var global = new long[m];
        long total = 0;
        for (var c = 0; c < classes.Count; c++)
        {
            if (!keepClass[c]) continue;
            for (var i = start[c]; i < start[c + 1]; i++) global[codes[i]]++;
            total += classes.Sizes[c];
        }

        var ordered = sp.Kind != AttributeKind.Categorical;
        var rank = ordered ? Ranks(column, sp.Kind, global) : null;
        var present = global.Count(g => g > 0);
        var cumGlobal = ordered ? CumulativeByRank(global, rank!, present) : null;
        var prefix = cumGlobal is null ? null : Prefix(cumGlobal);
        var tNumerator = sp.T is { } tp ? new BigInteger(decimal.Truncate(tp * 1_000_000_000_000m)) : BigInteger.Zero;
        var tDenominator = new BigInteger(1_000_000_000_000m);
        var exactT = sp.T is { } tv && decimal.Truncate(tv * 1_000_000_000_000m) == tv * 1_000_000_000_000m;

        // Class by class: count values in a dense scratch array, remember which were touched, reset only those.
        var counts = new long[m];
        var touched = new int[m];
        var minDistinct = int.MaxValue;
        var minEntropy = double.PositiveInfinity;
        BigInteger worstNum = 0, worstDen = 1;
        var tPass = true;
        var support = new List<(int Rank, long Count)>();
        for (var c = 0; c < classes.Count; c++)
        {
            if (!keepClass[c]) continue;
            long size = classes.Sizes[c];
            var distinct = 0;
            for (var i = start[c]; i < start[c + 1]; i++)
            {
                var v = codes[i];
                if (counts[v]++ == 0) touched[distinct++] = v;
            }

            minDistinct = Math.Min(minDistinct, distinct);
            double sumClogC = 0;
            for (var j = 0; j < distinct; j++)
            {
                var count = counts[touched[j]];
                if (count > 1) sumClogC += count * Math.Log(count);
            }

            minEntropy = Math.Min(minEntropy, Math.Log(size) - (sumClogC / size));
            if (sp.T is not null)
            {
                BigInteger num, den;
                if (!ordered)
                {
                    // EMD with equal distances = ½ Σ |c_v/n − G_v/N| = (Σ_supp(|c_v N − G_v n| − G_v n) + nN) / 2nN.
                    Int128 sum = (Int128)size * total;
                    for (var j = 0; j < distinct; j++)
                    {
                        var v = touched[j];
                        Int128 x = (Int128)counts[v] * total;
                        Int128 y = (Int128)global[v] * size;
                        sum += Int128.Abs(x - y) - y;
                    }

                    num = (BigInteger)sum;
                    den = 2 * (BigInteger)size * total;
                }
                else
                {
                    support.Clear();
                    for (var j = 0; j < distinct; j++) support.Add((rank![touched[j]], counts[touched[j]]));
                    support.Sort((x, y) => x.Rank.CompareTo(y.Rank));
                    num = (BigInteger)OrderedNumerator(support, cumGlobal!, prefix!, size, total);
                    den = present <= 1 ? 1 : (BigInteger)(present - 1) * size * total;
                }

                if (num * worstDen > worstNum * den)
                {
                    worstNum = num;
                    worstDen = den;
                }

                // Exact: num/den ≤ t, with t held as a fraction over 10^12 (finer than any policy value).
                if (exactT ? num * tDenominator > tNumerator * den : (double)num / (double)den > (double)sp.T.Value) tPass = false;
            }

            for (var j = 0; j < distinct; j++) counts[touched[j]] = 0;
        }

        if (minDistinct == int.MaxValue) minDistinct = 0;
        var entropyL = double.IsPositiveInfinity(minEntropy) ? 0 : Math.Exp(minEntropy);
        var entropyPass = sp.EntropyL <= 0 || (!double.IsPositiveInfinity(minEntropy) && minEntropy >= Math.Log((double)sp.EntropyL) - EntropyTolerance);
        var l = new LDiversityResult(sp.Column, minDistinct, sp.DistinctL, entropyL, sp.EntropyL, minDistinct >= sp.DistinctL, entropyPass);
        var t = sp.T is null ? null : new TClosenessResult(sp.Column, ordered ? TClosenessDistance.Ordered : TClosenessDistance.Equal, worstNum, worstDen, sp.T, tPass);
        return (l, t);
    }

    /// <summary>
    /// Σ_i |N·a_i − n·G_i| over ranks i, where a_i and G_i are the class's and the table's cumulative
    /// counts. a is constant between the class's own values, and n·G_i grows with i, so each run splits
    /// at one point found by binary search and sums in O(1) from prefix sums: O(support · log m).
    /// </summary>
    internal static Int128 OrderedNumerator(List<(int Rank, long Count)> support, long[] cumGlobal, Int128[] prefix, long n, long total)
    {
        var m = cumGlobal.Length;
        Int128 sum = 0;
        long a = 0;
        var from = 0;
        for (var k = 0; k <= support.Count; k++)
        {
            var to = k < support.Count ? support[k].Rank - 1 : m - 1;
            if (to >= from) sum += RunSum(from, to, (Int128)total * a, cumGlobal, prefix, n);
            if (k < support.Count)
            {
                a += support[k].Count;
                from = support[k].Rank;
            }
        }

        return sum;
    }

    private static Int128 RunSum(int l, int r, Int128 target, long[] cumGlobal, Int128[] prefix, long n)
    {
        // t = first index in [l, r] with n·G_t > target.
        int lo = l, hi = r + 1;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if ((Int128)n * cumGlobal[mid] > target) hi = mid;
            else lo = mid + 1;
        }

        var t = lo;
        Int128 S(int i) => i < 0 ? 0 : prefix[i];
        var below = (target * (t - l)) - (n * (S(t - 1) - S(l - 1)));
        var above = (n * (S(r) - S(t - 1))) - (target * (r - t + 1));
        return below + above;
    }

    private static int[] Ranks(MicrodataColumn column, AttributeKind kind, long[] global)
    {
        var dictionary = column.Dictionary;
        var present = Enumerable.Range(0, dictionary.Count).Where(i => global[i] > 0).ToList();
        IComparer<int> comparer = kind switch
        {
            AttributeKind.Numeric => Comparer<int>.Create((x, y) => NullFirst(dictionary[x], dictionary[y]) ?? Number(column, dictionary[x]!).CompareTo(Number(column, dictionary[y]!))),
            AttributeKind.Date => Comparer<int>.Create((x, y) => NullFirst(dictionary[x], dictionary[y]) ?? Date(column, dictionary[x]!).CompareTo(Date(column, dictionary[y]!))),
            _ => Comparer<int>.Create((x, y) => x.CompareTo(y)),
        };
        present.Sort(comparer);
        var rank = new int[dictionary.Count];
        Array.Fill(rank, -1);
        for (var i = 0; i < present.Count; i++) rank[present[i]] = i;
        return rank;
    }

    private static int? NullFirst(string? x, string? y) =>
        x is null ? (y is null ? 0 : -1) : y is null ? 1 : null;

    private static decimal Number(MicrodataColumn column, string value) =>
        decimal.TryParse(value, NumberStyles.Number | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out var d)
            ? d
            : throw new ArgumentException($"Sensitive attribute '{column.Name}' is numeric but holds '{value}'.");

    private static DateOnly Date(MicrodataColumn column, string value) =>
        DateOnly.TryParse(value.Length > 10 ? value[..10] : value, CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            ? d
            : throw new ArgumentException($"Sensitive attribute '{column.Name}' is a date but holds '{value}'.");

    private static long[] CumulativeByRank(long[] global, int[] rank, int present)
    {
        var byRank = new long[present];
        for (var code = 0; code < global.Length; code++)
        {
            if (rank[code] >= 0) byRank[rank[code]] = global[code];
        }

        for (var i = 1; i < present; i++) byRank[i] += byRank[i - 1];
        return byRank;
    }

    private static Int128[] Prefix(long[] cumulative)
    {
        var prefix = new Int128[cumulative.Length];
        Int128 run = 0;
        for (var i = 0; i < cumulative.Length; i++) prefix[i] = run += cumulative[i];
        return prefix;
    }

    private static ReidentificationRisk Risk(MicrodataPolicy mp, EquivalenceClasses classes, bool[] keepClass, int released)
    {
        var pi = mp.SamplingFraction ?? 1m;
        var basis = mp.SamplingFraction is null ? RiskBasis.DataIsPopulation : RiskBasis.SamplingFraction;
        var minSize = int.MaxValue;
        var classCount = 0;
        long prosecutorAtRisk = 0, journalistAtRisk = 0;
        for (var c = 0; c < classes.Count; c++)
        {
            if (!keepClass[c]) continue;
            var f = classes.Sizes[c];
            classCount++;
            minSize = Math.Min(minSize, f);
            if (mp.RiskThreshold * f < 1) prosecutorAtRisk += f; // 1/f > threshold
            if (mp.RiskThreshold * f < pi) journalistAtRisk += f; // π/f > threshold (F estimated as f/π)
        }

        if (released == 0 || classCount == 0) return new ReidentificationRisk(basis, mp.RiskThreshold, 0, 0, 0, 0, 0, 0);
        var p = (double)pi;
        return new ReidentificationRisk(
            basis,
            mp.RiskThreshold,
            1.0 / minSize,
            (double)classCount / released,
            (double)prosecutorAtRisk / released,
            Math.Min(1.0, p / minSize),
            (double)journalistAtRisk / released,
            classCount * p / released);
    }

    private static MicrodataTable Anonymise(MicrodataTable table, List<GeneralisedColumn> gens, EquivalenceClasses classes, bool[] keepClass)
    {
        var keep = new List<int>(table.RowCount);
        for (var r = 0; r < table.RowCount; r++)
        {
            if (keepClass[classes.ClassOf[r]]) keep.Add(r);
        }

        var byName = gens.ToDictionary(g => g.Source.Name, StringComparer.Ordinal);
        var columns = new List<MicrodataColumn>(table.Columns.Count);
        foreach (var col in table.Columns)
        {
            var codes = new int[keep.Count];
            if (byName.TryGetValue(col.Name, out var g))
            {
                for (var i = 0; i < codes.Length; i++) codes[i] = g.Map[col.Codes[keep[i]]];
                columns.Add(new MicrodataColumn(col.Name, g.Labels, codes));
            }
            else
            {
                for (var i = 0; i < codes.Length; i++) codes[i] = col.Codes[keep[i]];
                columns.Add(new MicrodataColumn(col.Name, col.DictionaryArray, codes));
            }
        }

        return new MicrodataTable(columns);
    }
}
