namespace Gatekeeper.Domain.Common;

/// <summary>Outcome of an operation a user asked for: success, or the reasons it was refused.</summary>
public sealed class DomainResult
{
    private DomainResult(IReadOnlyList<ValidationError> errors) => Errors = errors;

    public IReadOnlyList<ValidationError> Errors { get; }

    public bool Succeeded => Errors.Count == 0;

    public static DomainResult Ok { get; } = new([]);

    public static DomainResult Fail(IEnumerable<ValidationError> errors)
    {
        var list = errors.ToList();
        if (list.Count == 0) throw new ArgumentException("A failure needs at least one error.", nameof(errors));
        return new DomainResult(list);
    }

    public static DomainResult Fail(string field, string rule, string message, params (string Key, object? Value)[] args) =>
        Fail([ValidationError.Create(field, rule, message, args)]);

    public override string ToString() =>
        Succeeded ? "ok" : string.Join("; ", Errors.Select(e => $"{e.Field}: {e.Message} [{e.Rule}]"));
}
