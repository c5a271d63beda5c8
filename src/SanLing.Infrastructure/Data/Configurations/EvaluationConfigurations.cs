using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SanLing.Domain.Evaluation;
using SanLing.Domain.Standards;

namespace SanLing.Infrastructure.Data.Configurations;

public sealed class EvaluationRunConfiguration : IEntityTypeConfiguration<EvaluationRun>
{
    public void Configure(EntityTypeBuilder<EvaluationRun> builder)
    {
        builder.Property(r => r.RunBy).HasMaxLength(256);
        builder.Property(r => r.PublishedBy).HasMaxLength(256);
        // Runs stored before the kind existed are annual (or as-of runs the office made by hand, left as they were).
        // Every run sets its kind; the sentinel says that an annual run may leave the column to that same default
        // (without it EF warns at every start that 0, which no run has, would take the default).
        builder.Property(r => r.Kind).HasDefaultValue(EvaluationRunKind.Annual).HasSentinel(EvaluationRunKind.Annual);
        builder.HasOne<RuleSet>().WithMany().HasForeignKey(r => r.RuleSetId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(r => r.Results).WithOne().HasForeignKey(r => r.RunId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(r => new { r.TownId, r.Year, r.RunAt });
        builder.HasOne<Appeal>().WithMany().HasForeignKey(r => r.AnswersAppealId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class AppealConfiguration : IEntityTypeConfiguration<Appeal>
{
    public void Configure(EntityTypeBuilder<Appeal> builder)
    {
        builder.Property(a => a.FiledByUserId).HasMaxLength(450);
        builder.Property(a => a.FiledBy).HasMaxLength(256);
        builder.Property(a => a.Reason).HasMaxLength(AppealRules.ReasonMaxLength);
        builder.Property(a => a.Decision).HasMaxLength(AppealRules.DecisionMaxLength);
        builder.Property(a => a.DecidedBy).HasMaxLength(256);
        builder.HasOne(a => a.Run).WithMany().HasForeignKey(a => a.RunId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(a => a.Subject).WithMany().HasForeignKey(a => a.SubjectId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<EvaluationRun>().WithMany().HasForeignKey(a => a.CorrectionRunId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(a => a.Items).WithOne().HasForeignKey(i => i.AppealId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(a => a.Evidence).WithOne().HasForeignKey(e => e.AppealId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(a => new { a.TownId, a.Status });
        builder.HasIndex(a => new { a.SubjectId, a.RunId });
    }
}

public sealed class AppealItemConfiguration : IEntityTypeConfiguration<AppealItem>
{
    public void Configure(EntityTypeBuilder<AppealItem> builder)
    {
        builder.Property(i => i.ItemCode).HasMaxLength(8);
        builder.HasIndex(i => new { i.AppealId, i.ItemCode }).IsUnique();
    }
}

public sealed class AppealEvidenceConfiguration : IEntityTypeConfiguration<AppealEvidence>
{
    public void Configure(EntityTypeBuilder<AppealEvidence> builder)
    {
        builder.Property(e => e.FileName).HasMaxLength(AppealRules.FileNameMaxLength);
        builder.Property(e => e.StoredName).HasMaxLength(64);
        builder.Property(e => e.ContentType).HasMaxLength(64);
    }
}

public sealed class EvaluationResultConfiguration : IEntityTypeConfiguration<EvaluationResult>
{
    public void Configure(EntityTypeBuilder<EvaluationResult> builder)
    {
        builder.HasOne(r => r.Subject).WithMany().HasForeignKey(r => r.SubjectId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(r => r.Items).WithOne().HasForeignKey(i => i.ResultId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(r => new { r.RunId, r.SubjectId }).IsUnique();
        // The dashboards' counts by kind and verdict of many runs at once (the county's: every town and year), from the index alone.
        builder.HasIndex(r => new { r.RunId, r.Kind, r.Verdict });
    }
}

public sealed class EvaluationItemResultConfiguration : IEntityTypeConfiguration<EvaluationItemResult>
{
    public void Configure(EntityTypeBuilder<EvaluationItemResult> builder)
    {
        builder.Property(i => i.ItemCode).HasMaxLength(8);
        builder.Property(i => i.Reason).HasMaxLength(EvaluationItemResult.ReasonMaxLength);
        builder.Property(i => i.ReasonData).HasMaxLength(EvaluationItemResult.ReasonDataMaxLength);
        builder.HasIndex(i => new { i.ResultId, i.ItemCode }).IsUnique();
    }
}
