using Gatekeeper.Disclosure.Differencing;
using Gatekeeper.Disclosure.Tables;
using Microsoft.EntityFrameworkCore;

namespace Gatekeeper.Data.Outputs;

/// <summary>
/// The differencing check's memory in the store: everything released under a permit, as the check compares it.
/// Suppressed cells are left out (their counts never left). Writing happens with the release itself
/// (<see cref="OutputCheckingService"/>), so <see cref="RecordAsync"/> is for callers outside a release.
/// </summary>
public sealed class StoreReleaseHistory(IDbContextFactory<GatekeeperDbContext> factory) : IReleaseHistory
{
    public async ValueTask<IReadOnlyList<ReleasedOutput>> ReleasedUnderPermitAsync(string permitId, CancellationToken cancellationToken = default)
    {
        if (!Guid.TryParse(permitId, out var id)) return [];
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var rows = await db.ReleasedOutputs.AsNoTracking().Where(r => r.PermitId == id).OrderBy(r => r.ReleasedAt).ToListAsync(cancellationToken);
        return [.. rows.Select(r => ToReleasedOutput(r.OutputId, permitId, ReleasedCellsDocument.FromJson(r.CellsJson)))];
    }

    public async ValueTask RecordAsync(ReleasedOutput output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(output);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        db.ReleasedOutputs.Add(new ReleasedOutputRow
        {
            PermitId = Guid.Parse(output.PermitId), OutputId = Guid.Parse(output.OutputId), RequestId = Guid.Empty, ReleasedAt = DateTimeOffset.UtcNow,
            CellsJson = new ReleasedCellsDocument
            {
                Universe = output.Definition.Universe,
                KeyColumns = output.KeyColumns,
                KeyVariables = output.Definition.KeyVariables,
                Filters = [.. output.Definition.Filters.Select(f => ReleasedCellsDocument.Filter.From(f.Key, f.Value))],
                Cells = [.. output.Cells.Select(c => new ReleasedCellsDocument.Cell([.. c.Key.Select(k => k.Value)], c.Units, false))],
            }.ToJson(),
        });
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>The published cells of a document as the differencing check reads them.</summary>
    public static ReleasedOutput ToReleasedOutput(Guid outputId, string permitId, ReleasedCellsDocument document) => new()
    {
        OutputId = outputId.ToString(),
        PermitId = permitId,
        Definition = document.ToGroupDefinition(),
        KeyColumns = document.KeyColumns,
        Cells = [.. document.Cells.Where(c => !c.Suppressed).Select(c => new ReleasedCell([.. c.Key.Select(KeyPart.Of)], c.Units))],
    };
}
