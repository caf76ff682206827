using Gatekeeper.Data.Applications;
using Gatekeeper.Domain.Applications;
using Gatekeeper.Domain.Common;
using Microsoft.Extensions.Logging;

namespace Gatekeeper.Web.Components.Pages.Applications.Wizard;

/// <summary>
/// Keeps the wizard's draft in the store: creates it on the first change, saves ~1.5 s after the last
/// change with the current concurrency stamp, and runs attachment and submit operations after any
/// pending save. All writes are serialised, so the draft's own operations never collide with each other;
/// a collision with another writer ("stale-edit") stops saving until the page is reloaded.
/// </summary>
public sealed class DraftSaver(
    ApplicationService service,
    Actor actor,
    TimeProvider time,
    Func<ApplicationContent> snapshot,
    Func<Func<Task>, Task> dispatch,
    Func<Task> stateChanged,
    ILogger logger) : IAsyncDisposable
{
    public static readonly TimeSpan Delay = TimeSpan.FromSeconds(1.5);

    private readonly SemaphoreSlim _lock = new(1, 1);
    private CancellationTokenSource? _debounce;
    private int _version;
    private int _savedVersion;
    private bool _disposed;

    public Guid? ApplicationId { get; private set; }

    public Guid Stamp { get; private set; }

    public SaveState State { get; private set; } = SaveState.NotStarted;

    public DateTimeOffset? SavedAt { get; private set; }

    /// <summary>Why the last save was refused.</summary>
    public IReadOnlyList<ValidationError> Errors { get; private set; } = [];

    /// <summary>Called once, when the first change has created the draft.</summary>
    public Func<SecondaryUseApplication, Task>? Created { get; set; }

    public bool IsDirty => _version != _savedVersion;

    /// <summary>Continues an existing draft.</summary>
    public void Attach(SecondaryUseApplication application)
    {
        ApplicationId = application.Id;
        Stamp = application.ConcurrencyStamp;
        SavedAt = application.UpdatedAt;
        State = SaveState.Saved;
    }

    /// <summary>The form changed: create the draft now if there is none, otherwise save after a quiet period.</summary>
    public async Task ChangedAsync()
    {
        if (State == SaveState.Stale || _disposed) return;
        _version++;
        State = SaveState.Pending;
        if (ApplicationId is null)
        {
            await SaveAsync();
            return;
        }

        RestartDebounce();
    }

    /// <summary>Saves pending changes now.</summary>
    public async Task SaveAsync()
    {
        CancelDebounce();
        await _lock.WaitAsync();
        try
        {
            await SaveLockedAsync();
        }
        finally
        {
            _lock.Release();
        }

        await NotifyAsync();
    }

    /// <summary>
    /// Runs a store operation on the draft (attachments, submit) after saving pending changes, with the
    /// current stamp, and keeps the stamp it returns.
    /// </summary>
    public async Task<DomainResult<SecondaryUseApplication>> RunAsync(Func<Guid, Guid, Task<DomainResult<SecondaryUseApplication>>> operation)
    {
        CancelDebounce();
        await _lock.WaitAsync();
        try
        {
            if (State == SaveState.Stale) return DomainResult<SecondaryUseApplication>.Fail(Errors);
            if ((ApplicationId is null || IsDirty) && !await SaveLockedAsync())
                return DomainResult<SecondaryUseApplication>.Fail(Errors.Count > 0
                    ? Errors
                    : [new ValidationError("draft", "save-failed", "The draft could not be saved.")]);

            var result = await operation(ApplicationId!.Value, Stamp);
            if (result.Succeeded)
            {
                Stamp = result.Value!.ConcurrencyStamp;
                SavedAt = result.Value.UpdatedAt;
            }
            else if (IsStale(result.Errors))
            {
                Errors = result.Errors;
                State = SaveState.Stale;
            }

            return result;
        }
        finally
        {
            _lock.Release();
            await NotifyAsync();
        }
    }

    private async Task<bool> SaveLockedAsync()
    {
        if (State == SaveState.Stale) return false;
        if (ApplicationId is not null && !IsDirty) return true;

        var version = _version;
        var content = snapshot();
        State = SaveState.Saving;
        await NotifyAsync();
        try
        {
            var result = ApplicationId is { } id
                ? await service.SaveDraftAsync(actor, id, content, Stamp, CancellationToken.None)
                : await service.CreateDraftAsync(actor, content, CancellationToken.None);
            return await ApplyAsync(result, version);
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Autosave of application {ApplicationId} failed", ApplicationId);
            Errors = [];
            State = SaveState.Failed;
            return false;
        }
    }

    private async Task<bool> ApplyAsync(DomainResult<SecondaryUseApplication> result, int version)
    {
        if (!result.Succeeded)
        {
            Errors = result.Errors;
            State = IsStale(result.Errors) ? SaveState.Stale : SaveState.Failed;
            return false;
        }

        var created = ApplicationId is null;
        var application = result.Value!;
        ApplicationId = application.Id;
        Stamp = application.ConcurrencyStamp;
        SavedAt = application.UpdatedAt;
        _savedVersion = version;
        Errors = [];
        State = IsDirty ? SaveState.Pending : SaveState.Saved;
        if (created && Created is not null && !_disposed) await Created(application);
        if (IsDirty) RestartDebounce();
        return true;
    }

    private static bool IsStale(IReadOnlyList<ValidationError> errors) => errors.Any(e => e.Rule == "stale-edit");

    private void RestartDebounce()
    {
        CancelDebounce();
        _debounce = new CancellationTokenSource();
        _ = SaveAfterDelayAsync(_debounce.Token);
    }

    private void CancelDebounce()
    {
        _debounce?.Cancel();
        _debounce?.Dispose();
        _debounce = null;
    }

    private async Task SaveAfterDelayAsync(CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(Delay, time, cancellationToken);
            await dispatch(SaveAsync);
        }
        catch (OperationCanceledException)
        {
            // A newer change restarted the delay.
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Scheduled autosave of application {ApplicationId} failed", ApplicationId);
        }
    }

    private Task NotifyAsync() => _disposed ? Task.CompletedTask : stateChanged();

    /// <summary>Leaving the page saves what is still pending, so the last edit is not lost.</summary>
    public async ValueTask DisposeAsync()
    {
        CancelDebounce();
        var pending = IsDirty && ApplicationId is not null && State != SaveState.Stale;
        _disposed = true;
        if (pending)
        {
            await _lock.WaitAsync();
            try
            {
                await SaveLockedAsync();
            }
            finally
            {
                _lock.Release();
            }
        }
    }
}
