namespace Gatekeeper.Domain.Applications;

/// <summary>A document attached to an application version; the bytes live outside the web root, named by hash.</summary>
public sealed class ApplicationAttachment
{
    public Guid Id { get; init; } = Guid.NewGuid();

    public Guid ApplicationId { get; init; }

    /// <summary>Kind of document, e.g. "protocol".</summary>
    public required string Kind { get; init; }

    public required string FileName { get; init; }

    public required string ContentType { get; init; }

    public long SizeBytes { get; init; }

    /// <summary>Lower-case hex SHA-256 of the content; also the storage key.</summary>
    public required string Sha256 { get; init; }

    public DateTimeOffset UploadedAt { get; init; }

    public required string UploadedBy { get; init; }
}
