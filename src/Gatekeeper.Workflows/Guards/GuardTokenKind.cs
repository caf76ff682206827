namespace Gatekeeper.Workflows.Guards;

internal enum GuardTokenKind
{
    Name,
    Number,
    Text,
    Symbol,
    End,
}
