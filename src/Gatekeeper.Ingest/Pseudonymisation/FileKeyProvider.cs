using System.Security.Cryptography;
using Gatekeeper.Ingest.Storage;

namespace Gatekeeper.Ingest.Pseudonymisation;

/// <summary>
/// Keys as files of 32 random bytes in <c>&lt;data&gt;/keys</c> (mode 600, folder 700), created on first use.
/// The folder sits beside, never inside, the analysis data the visiting environment reads.
/// </summary>
public sealed class FileKeyProvider : IKeyProvider
{
    public const int KeyBytes = 32;
    private readonly string _folder;

    public FileKeyProvider(string keysFolder)
    {
        _folder = Path.GetFullPath(keysFolder);
    }

    public FileKeyProvider(DataLayout layout)
        : this(layout.KeysFolder)
    {
    }

    public string PathOf(string datasetId, KeyUse use) =>
        Path.Combine(_folder, $"{DataLayout.CheckDatasetId(datasetId)}.{(use == KeyUse.Pseudonymisation ? "pseudonym" : "raw-files")}.key");

    public async ValueTask<byte[]> GetKeyAsync(string datasetId, KeyUse use, CancellationToken cancellationToken = default)
    {
        var path = PathOf(datasetId, use);
        if (File.Exists(path)) return await ReadAsync(path, cancellationToken);

        CreateFolder();
        // Creation is serialised by an exclusive lock file (flock across processes), because a
        // no-overwrite rename is not atomic on every file system: the first key written wins.
        await using var gate = await LockAsync(path + ".lock", cancellationToken);
        if (File.Exists(path)) return await ReadAsync(path, cancellationToken);

        var key = RandomNumberGenerator.GetBytes(KeyBytes);
        var temp = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        await using (var stream = new FileStream(temp, options))
        {
            await stream.WriteAsync(key, cancellationToken);
            await stream.FlushAsync(cancellationToken);
        }

        File.Move(temp, path, overwrite: false);
        return key;
    }

    private static async Task<FileStream> LockAsync(string lockPath, CancellationToken cancellationToken)
    {
        var options = new FileStreamOptions { Mode = FileMode.OpenOrCreate, Access = FileAccess.ReadWrite, Share = FileShare.None };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        while (true)
        {
            try
            {
                return new FileStream(lockPath, options);
            }
            catch (IOException)
            {
                await Task.Delay(10, cancellationToken);
            }
        }
    }

    private void CreateFolder()
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(_folder);
        }
        else
        {
            Directory.CreateDirectory(_folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    private static async Task<byte[]> ReadAsync(string path, CancellationToken cancellationToken)
    {
        var key = await File.ReadAllBytesAsync(path, cancellationToken);
        if (key.Length != KeyBytes) throw new CryptographicException($"Key file {path} holds {key.Length} bytes, expected {KeyBytes}.");
        return key;
    }
}
