using Gatekeeper.Data.Configuration;
using Gatekeeper.Domain.Reviews;
using Gatekeeper.Workflows.Notifications;
using Gatekeeper.Workflows.Runtime;
using Microsoft.EntityFrameworkCore;

namespace Gatekeeper.Data.Workflows;

/// <summary>
/// Workflow instances, tasks, timers, history, stored definition versions, notifications, reviews,
/// decisions and the comment thread. Indexes serve the review queue (open tasks by assignee or role,
/// ordered by deadline or due date), the timer service (pending timers by due time) and the
/// exactly-once guarantees (unique task slot per visit, unique step sequence, one step per timer).
/// </summary>
internal static class WorkflowConfiguration
{
    public static void Configure(ModelBuilder model)
    {
        model.Entity<WorkflowInstance>(b =>
        {
            b.ToTable("workflow_instances");
            b.HasKey(i => i.Id);
            b.Property(i => i.Id).ValueGeneratedNever();
            b.Property(i => i.DefinitionId).HasMaxLength(64).IsRequired();
            b.Property(i => i.DefinitionVersion).HasMaxLength(64).IsFixedLength().IsRequired();
            b.Property(i => i.SubjectType).HasMaxLength(32).IsRequired();
            b.Property(i => i.Reference).HasMaxLength(32).IsRequired();
            b.Property(i => i.Title).HasMaxLength(200).IsRequired();
            b.Property(i => i.ApplicantId).HasMaxLength(64).IsRequired();
            b.Property(i => i.OrganisationId).HasMaxLength(64).IsRequired();
            b.Property(i => i.State).HasMaxLength(64).IsRequired();
            b.Property(i => i.Status).HasConversion<string>().HasMaxLength(16);
            b.Property(i => i.Outcome).HasMaxLength(64);
            b.Property(i => i.Facts).IsRequired();
            b.Property(i => i.RiskLevel).HasMaxLength(16);
            b.Property(i => i.ConcurrencyStamp).IsConcurrencyToken();
            // One instance of a workflow per subject: a second start (a retry, the start-up sweep) finds the first.
            b.HasIndex(i => new { i.DefinitionId, i.SubjectId }).IsUnique();
            b.HasIndex(i => i.ApplicationId);
            b.HasIndex(i => new { i.Status, i.DeadlineAt });
        });

        model.Entity<WorkflowTask>(b =>
        {
            b.ToTable("workflow_tasks");
            b.HasKey(t => t.Id);
            b.Property(t => t.Id).ValueGeneratedNever();
            b.Property(t => t.DefinitionId).HasMaxLength(64).IsRequired();
            b.Property(t => t.State).HasMaxLength(64).IsRequired();
            b.Property(t => t.Kind).HasConversion<string>().HasMaxLength(16);
            b.Property(t => t.Role).HasMaxLength(32).IsRequired();
            b.Property(t => t.AssigneeId).HasMaxLength(64);
            b.Property(t => t.AssigneeName).HasMaxLength(200);
            b.Property(t => t.Status).HasConversion<string>().HasMaxLength(16);
            b.Property(t => t.Outcome).HasMaxLength(64);
            b.Property(t => t.Comment).HasMaxLength(ReviewLimits.Comments);
            b.Property(t => t.CompletedById).HasMaxLength(64);
            b.Property(t => t.Reference).HasMaxLength(32).IsRequired();
            b.Property(t => t.Title).HasMaxLength(200).IsRequired();
            b.Property(t => t.RiskLevel).HasMaxLength(16);
            b.Property(t => t.ApplicantId).HasMaxLength(64).IsRequired();
            b.Property(t => t.OrganisationId).HasMaxLength(64).IsRequired();
            b.HasOne<WorkflowInstance>().WithMany().HasForeignKey(t => t.InstanceId).OnDelete(DeleteBehavior.Cascade);
            // A slot of a state's visit exists once, whatever races or restarts happen.
            b.HasIndex(t => new { t.InstanceId, t.Visit, t.Slot }).IsUnique();
            b.HasIndex(t => new { t.InstanceId, t.Status });
            // The queue: "my tasks" and "team tasks", open, ordered by decision deadline or task due date.
            b.HasIndex(t => new { t.Status, t.AssigneeId, t.DeadlineAt });
            b.HasIndex(t => new { t.Status, t.Role, t.DeadlineAt });
            b.HasIndex(t => new { t.Status, t.Role, t.DueAt });
        });

        model.Entity<WorkflowTimer>(b =>
        {
            b.ToTable("workflow_timers");
            b.HasKey(t => t.Id);
            b.Property(t => t.Id).ValueGeneratedNever();
            b.Property(t => t.Kind).HasConversion<string>().HasMaxLength(24);
            // Claiming a timer is the update Pending → Fired/Cancelled; a second claimer's update matches no row.
            b.Property(t => t.Status).HasConversion<string>().HasMaxLength(16).IsConcurrencyToken();
            b.HasOne<WorkflowInstance>().WithMany().HasForeignKey(t => t.InstanceId).OnDelete(DeleteBehavior.Cascade);
            b.HasIndex(t => new { t.Status, t.DueAt });
            b.HasIndex(t => new { t.InstanceId, t.Status });
        });

        model.Entity<WorkflowStep>(b =>
        {
            b.ToTable("workflow_steps");
            b.HasKey(s => s.Id);
            b.Property(s => s.Id).ValueGeneratedNever();
            b.Property(s => s.Kind).HasConversion<string>().HasMaxLength(24);
            b.Property(s => s.FromState).HasMaxLength(64);
            b.Property(s => s.ToState).HasMaxLength(64).IsRequired();
            b.Property(s => s.Trigger).HasMaxLength(64).IsRequired();
            b.Property(s => s.ActorId).HasMaxLength(64).IsRequired();
            b.Property(s => s.ActorName).HasMaxLength(200).IsRequired();
            b.Property(s => s.Comment).HasMaxLength(ReviewLimits.Comments);
            b.HasOne<WorkflowInstance>().WithMany().HasForeignKey(s => s.InstanceId).OnDelete(DeleteBehavior.Cascade);
            b.HasIndex(s => new { s.InstanceId, s.Sequence }).IsUnique();
            // A timer's effect is recorded at most once.
            b.HasIndex(s => s.TimerId).IsUnique();
        });

        model.Entity<StoredWorkflowDefinition>(b =>
        {
            b.ToTable("workflow_definitions");
            b.HasKey(d => d.Sha256);
            b.Property(d => d.Sha256).HasMaxLength(64).IsFixedLength();
            b.Property(d => d.DefinitionId).HasMaxLength(64).IsRequired();
            b.Property(d => d.FileName).HasMaxLength(200).IsRequired();
            b.Property(d => d.Source).IsRequired();
        });

        model.Entity<Notification>(b =>
        {
            b.ToTable("notifications");
            b.HasKey(n => n.Id);
            b.Property(n => n.Id).ValueGeneratedNever();
            b.Property(n => n.UserId).HasMaxLength(64).IsRequired();
            b.Property(n => n.Kind).HasMaxLength(32).IsRequired();
            b.Property(n => n.Reference).HasMaxLength(32).IsRequired();
            b.Property(n => n.Href).HasMaxLength(300);
            b.Property(n => n.TitleEn).HasMaxLength(300).IsRequired();
            b.Property(n => n.TitleJa).HasMaxLength(300).IsRequired();
            b.Property(n => n.BodyEn).HasMaxLength(8000).IsRequired();
            b.Property(n => n.BodyJa).HasMaxLength(8000).IsRequired();
            b.Property(n => n.EmailTo).HasMaxLength(254);
            b.Property(n => n.EmailStatus).HasConversion<string>().HasMaxLength(16);
            b.Property(n => n.EmailError).HasMaxLength(1000);
            b.HasIndex(n => new { n.UserId, n.ReadAt, n.CreatedAt });
            b.HasIndex(n => new { n.EmailStatus, n.CreatedAt });
        });

        model.Entity<Review>(b =>
        {
            b.ToTable("reviews");
            b.HasKey(r => r.Id);
            b.Property(r => r.Id).ValueGeneratedNever();
            b.Property(r => r.ReviewerId).HasMaxLength(64).IsRequired();
            b.Property(r => r.ReviewerName).HasMaxLength(200).IsRequired();
            b.Property(r => r.Recommendation).HasConversion<string>().HasMaxLength(32);
            b.Property(r => r.Checklist).HasJsonValueConversion();
            b.Property(r => r.Comments).HasMaxLength(ReviewLimits.Comments);
            b.Property(r => r.ProposedConditions).HasJsonConversion();
            b.HasIndex(r => r.TaskId).IsUnique();
            b.HasIndex(r => r.ApplicationId);
            b.HasIndex(r => r.InstanceId);
        });

        model.Entity<ApplicationDecision>(b =>
        {
            b.ToTable("application_decisions");
            b.HasKey(d => d.Id);
            b.Property(d => d.Id).ValueGeneratedNever();
            b.Property(d => d.Decision).HasConversion<string>().HasMaxLength(32);
            b.Property(d => d.Reason).HasMaxLength(ReviewLimits.Reason).IsRequired();
            b.Property(d => d.Conditions).HasJsonConversion();
            b.Property(d => d.DecidedById).HasMaxLength(64).IsRequired();
            b.Property(d => d.DecidedByName).HasMaxLength(200).IsRequired();
            // One decision per review instance.
            b.HasIndex(d => d.InstanceId).IsUnique();
            b.HasIndex(d => d.ApplicationId);
            b.HasIndex(d => new { d.LineageId, d.DecidedAt });
        });

        model.Entity<ReviewComment>(b =>
        {
            b.ToTable("review_comments");
            b.HasKey(c => c.Id);
            b.Property(c => c.Id).ValueGeneratedNever();
            b.Property(c => c.AuthorId).HasMaxLength(64).IsRequired();
            b.Property(c => c.AuthorName).HasMaxLength(200).IsRequired();
            b.Property(c => c.AuthorKind).HasConversion<string>().HasMaxLength(16);
            b.Property(c => c.Body).HasMaxLength(ReviewLimits.CommentBody).IsRequired();
            b.HasIndex(c => new { c.LineageId, c.At });
        });
    }
}
