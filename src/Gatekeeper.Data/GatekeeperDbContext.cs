using Gatekeeper.Data.Applications;
using Gatekeeper.Data.Configuration;
using Gatekeeper.Data.Identity;
using Gatekeeper.Data.Permits;
using Gatekeeper.Data.Workflows;
using Gatekeeper.Domain.Permits;
using Gatekeeper.Domain.Reviews;
using Gatekeeper.Workflows.Notifications;
using Gatekeeper.Workflows.Runtime;
using Gatekeeper.Domain.Accreditation;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Gatekeeper.Domain.Applications;
using Gatekeeper.Domain.Catalogue;
using Gatekeeper.Domain.Organisations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Gatekeeper.Data;

/// <summary>The gatekeeper's store. One model; migrations live per provider (Gatekeeper.Data.Sqlite / .Postgres).</summary>
public sealed class GatekeeperDbContext(DbContextOptions<GatekeeperDbContext> options) : IdentityUserContext<GatekeeperUser>(options)
{
    public DbSet<SecondaryUseApplication> Applications => Set<SecondaryUseApplication>();

    public DbSet<ApplicationAttachment> Attachments => Set<ApplicationAttachment>();

    public DbSet<StatusTransition> Transitions => Set<StatusTransition>();

    public DbSet<Organisation> Organisations => Set<Organisation>();

    public DbSet<UserProfile> UserProfiles => Set<UserProfile>();

    public DbSet<Dataset> Datasets => Set<Dataset>();

    public DbSet<Accreditation> Accreditations => Set<Accreditation>();

    public DbSet<WorkflowInstance> WorkflowInstances => Set<WorkflowInstance>();

    public DbSet<WorkflowTask> WorkflowTasks => Set<WorkflowTask>();

    public DbSet<WorkflowTimer> WorkflowTimers => Set<WorkflowTimer>();

    public DbSet<WorkflowStep> WorkflowSteps => Set<WorkflowStep>();

    public DbSet<StoredWorkflowDefinition> WorkflowDefinitions => Set<StoredWorkflowDefinition>();

    public DbSet<Notification> Notifications => Set<Notification>();

    public DbSet<Review> Reviews => Set<Review>();

    public DbSet<ApplicationDecision> Decisions => Set<ApplicationDecision>();

    public DbSet<ReviewComment> ReviewComments => Set<ReviewComment>();

    public DbSet<DataPermit> Permits => Set<DataPermit>();

    public DbSet<Consent.ConsentEventRow> ConsentEvents => Set<Consent.ConsentEventRow>();

    public DbSet<Ingest.ImportHistoryRow> ImportHistory => Set<Ingest.ImportHistoryRow>();

    public DbSet<Ingest.CatalogueTableRow> CatalogueTables => Set<Ingest.CatalogueTableRow>();

    public DbSet<Domain.Runs.QueryRun> Runs => Set<Domain.Runs.QueryRun>();

    public DbSet<Domain.Airlock.RunOutput> RunOutputs => Set<Domain.Airlock.RunOutput>();

    public DbSet<Domain.Outputs.ReleaseRequest> ReleaseRequests => Set<Domain.Outputs.ReleaseRequest>();

    public DbSet<Domain.Outputs.ReleaseFile> ReleaseFiles => Set<Domain.Outputs.ReleaseFile>();

    public DbSet<Domain.Outputs.ReleaseVote> ReleaseVotes => Set<Domain.Outputs.ReleaseVote>();

    public DbSet<Outputs.ReleasedOutputRow> ReleasedOutputs => Set<Outputs.ReleasedOutputRow>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        IdentityConfiguration.Configure(modelBuilder);
        modelBuilder.ApplyConfiguration(new ApplicationConfiguration());
        modelBuilder.ApplyConfiguration(new AttachmentConfiguration());
        modelBuilder.ApplyConfiguration(new StatusTransitionConfiguration());
        DirectoryConfiguration.Configure(modelBuilder);
        AuditConfiguration.Configure(modelBuilder);
        WorkflowConfiguration.Configure(modelBuilder);
        modelBuilder.ApplyConfiguration(new PermitConfiguration());
        Privacy.PrivacyLedgerConfiguration.Configure(modelBuilder);
        modelBuilder.ApplyConfiguration(new Consent.ConsentConfiguration());
        Ingest.IngestConfiguration.Configure(modelBuilder);
        global::Gatekeeper.Data.Runs.RunConfiguration.Configure(modelBuilder);
        Outputs.ReleaseConfiguration.Configure(modelBuilder);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite cannot compare or order DateTimeOffset text; store UTC ticks so both providers sort by time.
        if (Database.IsSqlite())
            configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        ImmutabilityGuard.Check(ChangeTracker);
        Consent.AppendOnlyGuard.Check(ChangeTracker);
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        ImmutabilityGuard.Check(ChangeTracker);
        Consent.AppendOnlyGuard.Check(ChangeTracker);
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }
}
