using Gatekeeper.Domain.Airlock;
using Gatekeeper.Domain.Common;
using Microsoft.EntityFrameworkCore;

namespace Gatekeeper.Data.Airlock;

/// <summary>
/// Read access to the airlock (quarantine) for output checkers: outputs awaiting their check, one run's outputs, and
/// their files (results, shadow statistics) checked against the SHA-256 recorded when the run finished. Researchers
/// get nothing here: their outputs reach them only through a release (output checking workflow). A checker of the
/// run's own organisation is refused (separation of duties).
/// </summary>
public sealed class AirlockService(IDbContextFactory<GatekeeperDbContext> factory, DataFolder dataFolder)
{
    public const string Folder = "airlock";

    public static bool MayCheck(Actor actor) => actor.IsInRole(Roles.OutputChecker);

    /// <summary>Outputs with status <paramref name="status"/> (default awaiting-check), oldest first.</summary>
    public async Task<IReadOnlyList<AirlockOutput>> ListAsync(Actor actor, string status = OutputStatuses.AwaitingCheck, int limit = 200, CancellationToken cancellationToken = default)
    {
        if (!MayCheck(actor)) return [];
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var rows = await (from o in db.RunOutputs.AsNoTracking()
                          join r in db.Runs.AsNoTracking() on o.RunId equals r.Id
                          where o.Status == status && r.RequesterOrganisationId != actor.OrganisationId
                          orderby o.CreatedAt, o.Name
                          select new { o, r }).Take(limit).ToListAsync(cancellationToken);
        return [.. rows.Select(x => new AirlockOutput(x.o, x.r))];
    }

    /// <summary>A run's outputs, for a checker who may check them; empty otherwise.</summary>
    public async Task<IReadOnlyList<RunOutput>> ForRunAsync(Actor actor, Guid runId, CancellationToken cancellationToken = default)
    {
        if (!MayCheck(actor)) return [];
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var run = await db.Runs.AsNoTracking().FirstOrDefaultAsync(r => r.Id == runId, cancellationToken);
        if (run is null || run.RequesterOrganisationId == actor.OrganisationId) return [];
        return await db.RunOutputs.AsNoTracking().Where(o => o.RunId == runId).OrderBy(o => o.Name).ToListAsync(cancellationToken);
    }

    /// <summary>
    /// Opens one file of an output for a checker, after checking its SHA-256 against the record (a changed file is
    /// refused with <see cref="InvalidDataException"/>). Null when the checker may not see it or it has no such file.
    /// </summary>
    public async Task<Stream?> OpenAsync(Actor actor, Guid outputId, AirlockFileKind kind, CancellationToken cancellationToken = default)
    {
        if (!MayCheck(actor)) return null;
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var output = await db.RunOutputs.AsNoTracking().FirstOrDefaultAsync(o => o.Id == outputId, cancellationToken);
        if (output is null) return null;
        var run = await db.Runs.AsNoTracking().FirstAsync(r => r.Id == output.RunId, cancellationToken);
        if (run.RequesterOrganisationId == actor.OrganisationId) return null;
        var (file, sha) = kind switch
        {
            AirlockFileKind.Parquet => (output.ParquetFile, output.ParquetSha256),
            AirlockFileKind.Csv => (output.CsvFile, output.CsvSha256),
            _ => (output.ShadowFile, output.ShadowSha256),
        };
        if (file is null || sha is null) return null;
        return await OpenVerifiedAsync(file, sha, cancellationToken);
    }

    /// <summary>The run's airlock manifest (query, permit, policy, row counts, timings, sanitised log) for a checker.</summary>
    public async Task<Stream?> OpenManifestAsync(Actor actor, Guid runId, CancellationToken cancellationToken = default)
    {
        if (!MayCheck(actor)) return null;
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var run = await db.Runs.AsNoTracking().FirstOrDefaultAsync(r => r.Id == runId, cancellationToken);
        if (run?.AirlockFolder is null || run.ManifestSha256 is null || run.RequesterOrganisationId == actor.OrganisationId) return null;
        return await OpenVerifiedAsync(Path.Combine(run.AirlockFolder, ManifestFile), run.ManifestSha256, cancellationToken);
    }

    public const string ManifestFile = "airlock.json";

    /// <summary>The absolute path of a file named relative to the data folder, refusing names that leave the airlock.</summary>
    public string PathOf(string relative)
    {
        var root = Path.GetFullPath(dataFolder.Combine(Folder)) + Path.DirectorySeparatorChar;
        var full = Path.GetFullPath(Path.Combine(dataFolder.Path, relative));
        return full.StartsWith(root, StringComparison.Ordinal) ? full : throw new InvalidDataException($"'{relative}' is not inside the airlock.");
    }

    private async Task<Stream> OpenVerifiedAsync(string relative, string sha256, CancellationToken cancellationToken) =>
        new MemoryStream(await FileHashes.ReadVerifiedAsync(PathOf(relative), sha256, $"The airlock file {relative}", cancellationToken), writable: false);
}
