using System.Text;
using Gatekeeper.Ingest.Consent;
using Gatekeeper.Ingest.Exchange;
using Gatekeeper.Ingest.Pseudonymisation;
using Gatekeeper.Ingest.Validation;

namespace Gatekeeper.Ingest.Importing;

/// <summary>
/// Reads a holder's consent CSV (see docs/data-onboarding.md) into registry events: participant IDs pseudonymised
/// like the analysis tables, purpose codes checked against policies/purposes.yaml. Consent files are small, so this
/// reads sequentially and keeps errors in memory.
/// </summary>
internal sealed class ConsentCsvImport
{
    private readonly IReadOnlySet<string> _purposes;
    private readonly Pseudonymiser _pseudonymiser;

    public ConsentCsvImport(IReadOnlySet<string> purposeCodes, Pseudonymiser pseudonymiser)
    {
        _purposes = purposeCodes;
        _pseudonymiser = pseudonymiser;
    }

    public long Rows { get; private set; }

    public long Rejected { get; private set; }

    public List<RowError> Errors { get; } = [];

    public List<ConsentEvent> Events { get; } = [];

    public async Task ReadAsync(string utf8Path, IReadOnlyList<string> header, string fileName, string source, CancellationToken cancellationToken)
    {
        var schema = ExchangeFormat.Consent;
        var columnOf = schema.Fields.Select(f => header.ToList().IndexOf(f.Name)).ToArray();
        var starts = new int[header.Count];
        var lengths = new int[header.Count];
        var scratch = new byte[1 << 20];
        var codes = schema.Fields.Select(f => f.Codes.Select(c => Encoding.UTF8.GetBytes(c)).ToArray()).ToArray();
        using var reader = new StreamReader(utf8Path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        await reader.ReadLineAsync(cancellationToken);
        long lineNumber = 1;
        while (await reader.ReadLineAsync(cancellationToken) is { } text)
        {
            lineNumber++;
            if (text.Length == 0) continue;
            Rows++;
            var before = Errors.Count;
            var line = Encoding.UTF8.GetBytes(text);
            var count = CsvSplitter.Split(line, starts, lengths, scratch, out var data);
            if (count != header.Count)
            {
                Add(fileName, lineNumber, null, "", count == CsvSplitter.Malformed ? ValidationRules.Quoting : ValidationRules.Columns, header.Count);
                Rejected++;
                continue;
            }

            var values = new string[schema.Fields.Count];
            for (var i = 0; i < schema.Fields.Count; i++)
            {
                var field = schema.Fields[i];
                var value = columnOf[i] < 0 ? [] : data.Slice(starts[columnOf[i]], lengths[columnOf[i]]);
                values[i] = Encoding.UTF8.GetString(value);
                string? rule = null;
                if (value.IsEmpty)
                {
                    if (field.Required) rule = ValidationRules.Required;
                }
                else
                {
                    rule = field.Kind switch
                    {
                        FieldKind.Code => FieldParser.Code(value, codes[i], out _),
                        FieldKind.Date8 => FieldParser.Date8(value, out _),
                        FieldKind.DateTime17 => FieldParser.DateTime(value, true, out _),
                        _ => FieldParser.Text(value, field.MaxLength),
                    };
                }

                if (rule is not null) Add(fileName, lineNumber, field, field.Sensitivity == Domain.Catalogue.VariableSensitivity.DirectIdentifier ? "(identifier withheld)" : values[i], rule);
            }

            if (Errors.Count == before)
            {
                var action = (ConsentAction)int.Parse(values[2], System.Globalization.CultureInfo.InvariantCulture);
                var purpose = values[3];
                var needsPurpose = action is ConsentAction.Consent or ConsentAction.Refusal;
                if (needsPurpose ? !_purposes.Contains(purpose) : purpose.Length > 0)
                {
                    Add(fileName, lineNumber, schema.Fields[3], purpose, ValidationRules.Purpose);
                }
                else
                {
                    Events.Add(new ConsentEvent
                    {
                        Pseudonym = _pseudonymiser.Person(values[1]),
                        Action = action,
                        PurposeCode = needsPurpose ? purpose : null,
                        EffectiveFrom = ParseLocal(values[4]),
                        UpdateTime = ParseLocal(values[5]),
                        Source = source,
                    });
                }
            }

            if (Errors.Count > before) Rejected++;
        }
    }

    private static DateTime ParseLocal(string digits)
    {
        FieldParser.Date8(Encoding.ASCII.GetBytes(digits[..8]), out var days);
        var value = DateTime.UnixEpoch.AddDays(days);
        if (digits.Length == 17)
        {
            FieldParser.DateTime(Encoding.ASCII.GetBytes(digits), true, out var micros);
            value = DateTime.UnixEpoch.AddTicks(micros * 10);
        }

        return DateTime.SpecifyKind(value, DateTimeKind.Unspecified);
    }

    private void Add(string file, long line, FieldSpec? field, string value, string rule, int expectedColumns = 0) =>
        Errors.Add(new RowError(file, line, field?.Name ?? "*", value, rule, ValidationMessages.Describe(field, rule, expectedColumns)));
}
