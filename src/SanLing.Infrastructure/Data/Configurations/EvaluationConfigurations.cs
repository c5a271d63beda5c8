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
        builder.Property(r => r.Kind).HasDefaultValue(EvaluationRunKind.Annual);
        builder.HasOne<RuleSet>().WithMany().HasForeignKey(r => r.RuleSetId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(r => r.Results).WithOne().HasForeignKey(r => r.RunId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(r => new { r.TownId, r.Year, r.RunAt });
    }
}

public sealed class EvaluationResultConfiguration : IEntityTypeConfiguration<EvaluationResult>
{
    public void Configure(EntityTypeBuilder<EvaluationResult> builder)
    {
        builder.HasOne(r => r.Subject).WithMany().HasForeignKey(r => r.SubjectId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(r => r.Items).WithOne().HasForeignKey(i => i.ResultId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(r => new { r.RunId, r.SubjectId }).IsUnique();
    }
}

public sealed class EvaluationItemResultConfiguration : IEntityTypeConfiguration<EvaluationItemResult>
{
    public void Configure(EntityTypeBuilder<EvaluationItemResult> builder)
    {
        builder.Property(i => i.ItemCode).HasMaxLength(8);
        builder.Property(i => i.Reason).HasMaxLength(2000);
        builder.Property(i => i.ReasonData).HasMaxLength(4000);
        builder.HasIndex(i => new { i.ResultId, i.ItemCode }).IsUnique();
    }
}
