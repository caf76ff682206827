namespace Gatekeeper.Domain.Common;

/// <summary>Outcome carrying a value on success.</summary>
public sealed class DomainResult<T>
{
    private DomainResult(T? value, IReadOnlyList<ValidationError> errors)
    {
        Value = value;
        Errors = errors;
    }

    public T? Value { get; }

    public IReadOnlyList<ValidationError> Errors { get; }

    public bool Succeeded => Errors.Count == 0;

    public static DomainResult<T> Ok(T value) => new(value, []);

    public static DomainResult<T> Fail(IReadOnlyList<ValidationError> errors) => new(default, errors);

    public static implicit operator DomainResult<T>(T value) => Ok(value);
}
