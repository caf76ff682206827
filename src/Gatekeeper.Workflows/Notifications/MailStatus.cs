namespace Gatekeeper.Workflows.Notifications;

/// <summary>Where a notification's e-mail is (an outbox: written with the step, sent afterwards).</summary>
public enum MailStatus
{
    /// <summary>No e-mail (the person has no address).</summary>
    None,
    Pending,
    Sent,

    /// <summary>Gave up after the configured number of attempts; the in-app notification still stands.</summary>
    Failed,
}
