using Gatekeeper.Domain.Applications;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace Gatekeeper.Data.Applications;

/// <summary>
/// Defence in depth behind the domain rule: a submitted application version's content can never be
/// written, whatever code path tries. Only lifecycle columns may change after submission.
/// </summary>
internal static class ImmutabilityGuard
{
    private static readonly HashSet<string> LifecycleColumns =
    [
        nameof(SecondaryUseApplication.Status),
        nameof(SecondaryUseApplication.ConcurrencyStamp),
        nameof(SecondaryUseApplication.UpdatedAt),
        nameof(SecondaryUseApplication.SubmittedAt),
        nameof(SecondaryUseApplication.PolicySha256),
    ];

    public static void Check(ChangeTracker tracker)
    {
        foreach (var entry in tracker.Entries<SecondaryUseApplication>())
        {
            if (entry.State is EntityState.Deleted && IsSubmitted(entry))
                throw new InvalidOperationException($"Application {entry.Entity.Id} is not a draft and cannot be deleted.");
            if (entry.State != EntityState.Modified || !IsSubmitted(entry)) continue;

            var changed = entry.Properties
                .Where(p => p.IsModified && !LifecycleColumns.Contains(p.Metadata.Name))
                .Select(p => p.Metadata.Name)
                .ToList();
            if (changed.Count > 0)
                throw new InvalidOperationException(
                    $"Application {entry.Entity.Id} was submitted and is immutable; refused change to {string.Join(", ", changed)}.");
        }

        foreach (var entry in tracker.Entries<TeamMember>())
        {
            if (entry.State is EntityState.Unchanged or EntityState.Detached) continue;
            var ownerId = (Guid)entry.Property("ApplicationId").CurrentValue!;
            var owner = tracker.Entries<SecondaryUseApplication>().FirstOrDefault(e => e.Entity.Id == ownerId);
            if (owner is not null && owner.State != EntityState.Added && IsSubmitted(owner))
                throw new InvalidOperationException($"Application {ownerId} was submitted and its team is immutable.");
        }

        foreach (var entry in tracker.Entries<ApplicationAttachment>())
        {
            if (entry.State is EntityState.Modified)
                throw new InvalidOperationException("Attachments are immutable once stored.");
        }
    }

    private static bool IsSubmitted(EntityEntry<SecondaryUseApplication> entry) =>
        entry.OriginalValues.GetValue<ApplicationStatus>(nameof(SecondaryUseApplication.Status)) != ApplicationStatus.Draft;
}
