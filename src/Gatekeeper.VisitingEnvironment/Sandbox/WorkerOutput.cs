using System.Globalization;
using System.Text;
using Gatekeeper.VisitingEnvironment.Worker;

namespace Gatekeeper.VisitingEnvironment.Sandbox;

/// <summary>
/// A worker's standard output read line by line: <see cref="Ready"/> completes at the warm worker's "ready" line,
/// <see cref="Done"/> with the exit code of its "done" line (or null when the stream ends without one), and other
/// lines are kept (the last 16 K characters) for the run's log.
/// </summary>
public sealed class WorkerOutput
{
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<int?> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly StringBuilder _other = new();
    private readonly Lock _gate = new();

    public WorkerOutput(StreamReader reader)
    {
        Completion = ReadAsync(reader);
    }

    public Task Ready => _ready.Task;

    public Task<int?> Done => _done.Task;

    public Task Completion { get; }

    public string Other
    {
        get
        {
            lock (_gate) return _other.ToString().Trim();
        }
    }

    private async Task ReadAsync(StreamReader reader)
    {
        try
        {
            while (await reader.ReadLineAsync() is { } line)
            {
                if (line == WorkerExitCodes.ReadyMarker)
                {
                    _ready.TrySetResult();
                }
                else if (line.StartsWith(WorkerExitCodes.DoneMarker + " ", StringComparison.Ordinal)
                         && int.TryParse(line.AsSpan(WorkerExitCodes.DoneMarker.Length + 1), NumberStyles.Integer, CultureInfo.InvariantCulture, out var code))
                {
                    _done.TrySetResult(code);
                }
                else
                {
                    lock (_gate)
                    {
                        _other.AppendLine(line);
                        if (_other.Length > 16 * 1024) _other.Remove(0, _other.Length - (16 * 1024));
                    }
                }
            }
        }
        finally
        {
            _ready.TrySetResult();
            _done.TrySetResult(null);
        }
    }
}
