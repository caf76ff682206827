namespace Gatekeeper.Workflows.Engine;

/// <summary>Someone is to be told something about an instance; written as a notification (and e-mail) in the step's transaction.</summary>
public sealed record NotificationIntent(string UserId, string Kind, Guid InstanceId, Guid? TaskId, IReadOnlyDictionary<string, string> Args);
