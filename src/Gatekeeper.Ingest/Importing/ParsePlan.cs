using System.Text;
using Gatekeeper.Ingest.Exchange;
using Gatekeeper.Ingest.Pseudonymisation;

namespace Gatekeeper.Ingest.Importing;

/// <summary>How the columns of one file's header map onto a record schema and onto staging columns.</summary>
internal sealed class ParsePlan
{
    public ParsePlan(RecordSchema schema, IReadOnlyList<string> header, Pseudonymiser pseudonymiser, CoarseningPolicy coarsening)
    {
        Schema = schema;
        Fields = [.. schema.Fields];
        ColumnCount = header.Count;
        Pseudonymiser = pseudonymiser;
        Coarsening = coarsening;
        ColumnOf = Fields.Select(f => header.ToList().FindIndex(h => h.Trim() == f.Name)).ToArray();
        Codes = Fields.Select(f => f.Codes.Select(c => Encoding.UTF8.GetBytes(c)).ToArray()).ToArray();
        IntSlot = new int[Fields.Length];
        LongSlot = new int[Fields.Length];
        var ints = new List<string>();
        var longs = new List<string>();
        for (var i = 0; i < Fields.Length; i++)
        {
            IntSlot[i] = LongSlot[i] = -1;
            if (!Fields[i].Stored) continue;
            if (Fields[i].Kind is FieldKind.DateTime14 or FieldKind.DateTime17)
            {
                LongSlot[i] = longs.Count;
                longs.Add(Fields[i].Name);
            }
            else
            {
                IntSlot[i] = ints.Count;
                ints.Add(Fields[i].Name);
            }
        }

        IntColumns = ints;
        LongColumns = longs;
        Shared = Fields.Select(f => f.IsStringValued ? new SharedCodes() : null).ToArray();
        CodeListCodes = Fields.Select((f, i) => f.Kind == FieldKind.Code ? f.Codes.Select(c => Shared[i]!.CodeOf(c)).ToArray() : []).ToArray();
    }

    /// <summary>Per code-list field, the shared code of each list entry: codes are matched directly, without a dictionary.</summary>
    public int[][] CodeListCodes { get; }

    /// <summary>Per string-valued field, the codes all parser threads share.</summary>
    public SharedCodes?[] Shared { get; }

    public RecordSchema Schema { get; }

    public FieldSpec[] Fields { get; }

    public int ColumnCount { get; }

    /// <summary>Header position of each schema field; -1 for an optional (▲) column the file leaves out.</summary>
    public int[] ColumnOf { get; }

    public byte[][][] Codes { get; }

    public int[] IntSlot { get; }

    public int[] LongSlot { get; }

    public IReadOnlyList<string> IntColumns { get; }

    public IReadOnlyList<string> LongColumns { get; }

    public Pseudonymiser Pseudonymiser { get; }

    public CoarseningPolicy Coarsening { get; }

    /// <summary>Test hook: the first parser thread fails after this many rows, to prove a failed import leaves nothing.</summary>
    public long FailAfterRows { get; init; } = -1;
}
