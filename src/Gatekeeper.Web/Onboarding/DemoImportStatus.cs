namespace Gatekeeper.Web.Onboarding;

/// <summary>Progress of the first-run demo import, for the data stewards' page (the import runs in the background).</summary>
public sealed class DemoImportStatus
{
    private readonly Lock _gate = new();

    public DemoImportState State { get; private set; } = DemoImportState.Off;

    public int FilesDone { get; private set; }

    public int FilesTotal { get; private set; }

    public long RowsPublished { get; private set; }

    public TimeSpan? Elapsed { get; private set; }

    public string? Message { get; private set; }

    /// <summary>Raised after every change (from the background worker's thread).</summary>
    public event Action? Changed;

    internal void Set(DemoImportState state, string? message = null, TimeSpan? elapsed = null)
    {
        lock (_gate)
        {
            State = state;
            Message = message;
            Elapsed = elapsed ?? Elapsed;
        }

        Changed?.Invoke();
    }

    internal void Progress(int done, int total, long rows)
    {
        lock (_gate)
        {
            FilesDone = done;
            FilesTotal = total;
            RowsPublished = rows;
        }

        Changed?.Invoke();
    }
}
