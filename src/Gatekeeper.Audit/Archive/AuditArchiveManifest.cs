using System.Text.Json;
using Gatekeeper.Audit.Export;

namespace Gatekeeper.Audit.Archive;

/// <summary>
/// <c>manifest.json</c> of an archive folder: the archive files in chain order with the SHA-256 of each, so the
/// folder can be verified offline as one chain (<c>gatekeeper verify-audit --manifest</c>).
/// </summary>
public sealed record AuditArchiveManifest(string Format, IReadOnlyList<AuditArchiveFile> Files)
{
    public const string FormatName = "gatekeeper-audit-archive-manifest-v1";
    public const string FileName = "manifest.json";

    public static AuditArchiveManifest Of(IEnumerable<AuditArchiveFile> files) => new(FormatName, [.. files.OrderBy(f => f.FirstSequence)]);

    public static async Task<AuditArchiveManifest> ReadAsync(string path, CancellationToken cancellationToken = default)
    {
        await using var stream = File.OpenRead(path);
        AuditArchiveManifest? manifest;
        try
        {
            manifest = await JsonSerializer.DeserializeAsync(stream, AuditExportJsonContext.Default.AuditArchiveManifest, cancellationToken);
        }
        catch (JsonException ex)
        {
            throw new FormatException($"{path}: not a valid archive manifest ({ex.Message})", ex);
        }

        if (manifest is null || manifest.Format != FormatName) throw new FormatException($"{path}: not a {FormatName} file");
        return manifest;
    }

    /// <summary>Writes the manifest atomically (temporary file, then rename over the old one).</summary>
    public async Task WriteAsync(string path, CancellationToken cancellationToken = default)
    {
        var temp = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        await using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
        {
            await JsonSerializer.SerializeAsync(stream, this, AuditExportJsonContext.Default.AuditArchiveManifest, cancellationToken);
            await stream.FlushAsync(cancellationToken);
            stream.Flush(flushToDisk: true);
        }

        File.Move(temp, path, overwrite: true);
    }
}
