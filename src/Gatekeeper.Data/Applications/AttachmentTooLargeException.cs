namespace Gatekeeper.Data.Applications;

/// <summary>Thrown while streaming an upload once it passes the size limit; nothing is kept.</summary>
public sealed class AttachmentTooLargeException(long maxBytes) : Exception($"The file is larger than {maxBytes} bytes.")
{
    public long MaxBytes { get; } = maxBytes;
}
