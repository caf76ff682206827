namespace Gatekeeper.Workflows.Guards;

/// <summary>Value types of the guard language.</summary>
public enum GuardType
{
    Boolean,
    Number,
    Text,

    /// <summary>A list of texts, tested with <c>'x' in name</c>.</summary>
    TextList,
}
