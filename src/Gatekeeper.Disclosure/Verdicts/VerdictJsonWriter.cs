using System.Text.Json;
using Gatekeeper.Disclosure.Suppression;

namespace Gatekeeper.Disclosure.Verdicts;

/// <summary>
/// Writes a verdict as the <c>gatekeeper check --format json</c> object:
/// <c>{"status","policy":{"id","sha256"},"cells":[{"key","measures","units","rows","failed","review"}],"messages"}</c>.
/// Key values are text; a genuine NULL group is JSON null; a margin shows the table's margin label.
/// Additive fields (never replacing contract ones): per cell <c>reasons</c> and, with a mitigated
/// table, <c>treatment</c> (then <c>measures</c> hold the published values and redacted cells are left out).
/// </summary>
public static class VerdictJsonWriter
{
    public static string ToJson(TableVerdict verdict, MitigatedTable? mitigated = null, VerdictJsonOptions? options = null)
    {
        using var stream = new MemoryStream();
        Write(stream, verdict, mitigated, options);
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    public static void Write(Stream stream, TableVerdict verdict, MitigatedTable? mitigated = null, VerdictJsonOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(verdict);
        options ??= new VerdictJsonOptions();
        if (mitigated is not null && !ReferenceEquals(mitigated.Verdict, verdict))
            throw new ArgumentException("The mitigated table belongs to another verdict.", nameof(mitigated));
        using var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = options.Indented });
        var table = verdict.Table;
        w.WriteStartObject();
        w.WriteString("status", verdict.Status.ToText());
        w.WriteStartObject("policy");
        w.WriteString("id", verdict.Policy.Id);
        w.WriteString("sha256", verdict.Policy.Sha256);
        w.WriteEndObject();
        w.WriteStartArray("cells");
        for (var i = 0; i < verdict.CellCount; i++)
        {
            if (mitigated?.IsRemoved(i) == true) continue;
            w.WriteStartObject();
            w.WriteStartObject("key");
            foreach (var k in table.Keys)
            {
                var part = k.Part(i);
                if (part.IsAggregated) w.WriteString(k.Name, table.MarginLabel);
                else if (part.Value is null) w.WriteNull(k.Name);
                else w.WriteString(k.Name, part.Value);
            }

            w.WriteEndObject();
            w.WriteStartObject("measures");
            for (var m = 0; m < table.Measures.Count; m++)
            {
                var value = mitigated is null ? table.Measures[m].Value(i) : mitigated.Value(i, m);
                if (value is { } v && double.IsFinite(v)) w.WriteNumber(table.Measures[m].Name, v);
                else w.WriteNull(table.Measures[m].Name);
            }

            w.WriteEndObject();
            w.WriteNumber("units", table.Units(i));
            w.WriteNumber("rows", table.Rows(i));
            WriteCodes(w, "failed", verdict.FailedRules(i));
            WriteCodes(w, "review", verdict.ReviewRules(i));
            if (mitigated is not null) w.WriteString("treatment", TreatmentText(mitigated.Treatment(i)));
            if (options.IncludeReasons && verdict.CellStatus(i) != CheckStatus.Pass) WriteReasons(w, verdict.FindingsFor(i), options.IncludeShadowNumbers);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray("messages");
        foreach (var message in verdict.Messages) w.WriteStringValue(message);
        foreach (var f in verdict.Findings.Where(f => f.Cell < 0)) w.WriteStringValue($"{f.Rule.ToCode()} {f.Outcome.ToText()}: {f.Reason}");
        if (mitigated is not null)
        {
            w.WriteStringValue($"Mitigation {mitigated.Method.ToString().ToLowerInvariant()}: {mitigated.Count(CellTreatment.PrimarySuppressed)} primary and {mitigated.Count(CellTreatment.SecondarySuppressed)} complementary suppression(s); {(mitigated.IsProtected ? "no suppressed value can be derived from the published cells and margins" : $"{mitigated.RecoverableCells.Count} suppressed value(s) remain derivable")}.");
            foreach (var note in mitigated.Notes) w.WriteStringValue($"({note.CellKey}) {TreatmentText(note.Treatment)}: {note.Reason}");
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    /// <summary>The text used for a treatment in JSON.</summary>
    public static string TreatmentText(CellTreatment treatment) => treatment switch
    {
        CellTreatment.Published => "published",
        CellTreatment.Rounded => "rounded",
        CellTreatment.PrimarySuppressed => "suppressed-primary",
        CellTreatment.SecondarySuppressed => "suppressed-secondary",
        _ => throw new ArgumentOutOfRangeException(nameof(treatment), treatment, null),
    };

    private static void WriteCodes(Utf8JsonWriter w, string name, IReadOnlyList<string> codes)
    {
        w.WriteStartArray(name);
        foreach (var c in codes) w.WriteStringValue(c);
        w.WriteEndArray();
    }

    private static void WriteReasons(Utf8JsonWriter w, IEnumerable<Finding> findings, bool shadow)
    {
        w.WriteStartArray("reasons");
        foreach (var f in findings)
        {
            w.WriteStartObject();
            w.WriteString("rule", f.Rule.ToCode());
            w.WriteString("outcome", f.Outcome.ToText());
            if (f.Measure is null) w.WriteNull("measure");
            else w.WriteString("measure", f.Measure);
            w.WriteString("reason", f.Reason);
            if (shadow)
            {
                w.WriteStartObject("numbers");
                foreach (var e in f.Numbers) w.WriteNumber(e.Name, e.Value);
                w.WriteEndObject();
            }

            w.WriteEndObject();
        }

        w.WriteEndArray();
    }
}
