using System.Security.Cryptography;

namespace Gatekeeper.Data.Applications;

/// <summary>
/// Content-addressed store for uploaded documents, in the data folder (outside the web root).
/// Files are named by their SHA-256 so a revision that keeps a document stores it once.
/// </summary>
public sealed class AttachmentStore(string root)
{
    public string Root { get; } = root;

    /// <summary>Copies <paramref name="content"/> to a temporary file while hashing, then moves it to its hash name.</summary>
    public async Task<(string Sha256, long Size)> SaveAsync(Stream content, long maxBytes, CancellationToken cancellationToken)
    {
        System.IO.Directory.CreateDirectory(Root);
        var temp = Path.Combine(Root, $".upload-{Guid.NewGuid():N}");
        try
        {
            long size;
            string sha;
            await using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true))
            using (var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256))
            {
                var buffer = new byte[81920];
                size = 0;
                int read;
                while ((read = await content.ReadAsync(buffer, cancellationToken)) > 0)
                {
                    size += read;
                    if (size > maxBytes) throw new AttachmentTooLargeException(maxBytes);
                    hash.AppendData(buffer, 0, read);
                    await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                }

                sha = Convert.ToHexStringLower(hash.GetHashAndReset());
            }

            var target = PathFor(sha);
            System.IO.Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            if (File.Exists(target)) File.Delete(temp);
            else File.Move(temp, target);
            return (sha, size);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }

    public Stream? Open(string sha256)
    {
        var path = PathFor(sha256);
        return File.Exists(path) ? File.OpenRead(path) : null;
    }

    private string PathFor(string sha256)
    {
        if (sha256.Length != 64 || !sha256.All(Uri.IsHexDigit)) throw new ArgumentException("Not a SHA-256 hex digest.", nameof(sha256));
        return Path.Combine(Root, sha256[..2], sha256);
    }
}
