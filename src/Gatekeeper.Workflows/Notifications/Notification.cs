namespace Gatekeeper.Workflows.Notifications;

/// <summary>
/// An in-app notification to one person, in Japanese and English, written in the same transaction as
/// the step that caused it; its e-mail leaves through an outbox (<see cref="MailStatus"/>).
/// </summary>
public sealed class Notification
{
    public Guid Id { get; set; }

    public required string UserId { get; set; }

    public required string Kind { get; set; }

    public Guid? InstanceId { get; set; }

    public Guid? TaskId { get; set; }

    public Guid? ApplicationId { get; set; }

    public string Reference { get; set; } = "";

    /// <summary>The portal page the notification leads to; null for news about an application (the bell derives it).</summary>
    public string? Href { get; set; }

    public required string TitleEn { get; set; }

    public required string TitleJa { get; set; }

    public required string BodyEn { get; set; }

    public required string BodyJa { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? ReadAt { get; set; }

    public string? EmailTo { get; set; }

    public MailStatus EmailStatus { get; set; }

    public int EmailAttempts { get; set; }

    public DateTimeOffset? EmailSentAt { get; set; }

    public string? EmailError { get; set; }
}
