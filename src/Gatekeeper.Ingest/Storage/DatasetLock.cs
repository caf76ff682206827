namespace Gatekeeper.Ingest.Storage;

/// <summary>
/// Serialises publishing into one dataset across threads and processes (CLI and web at once) with an exclusive
/// lock file; the operating system releases it if the process dies.
/// </summary>
internal sealed class DatasetLock : IAsyncDisposable
{
    private readonly FileStream _stream;

    private DatasetLock(FileStream stream)
    {
        _stream = stream;
    }

    public static async Task<DatasetLock> AcquireAsync(string path, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        while (true)
        {
            try
            {
                return new DatasetLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
            }
            catch (IOException)
            {
                await Task.Delay(50, cancellationToken);
            }
        }
    }

    public ValueTask DisposeAsync() => _stream.DisposeAsync();
}
