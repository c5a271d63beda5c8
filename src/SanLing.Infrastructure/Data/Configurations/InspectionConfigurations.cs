using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SanLing.Domain.Inspections;

namespace SanLing.Infrastructure.Data.Configurations;

public sealed class InspectionConfiguration : IEntityTypeConfiguration<Inspection>
{
    public void Configure(EntityTypeBuilder<Inspection> builder)
    {
        builder.Property(i => i.Inspector).HasMaxLength(FindingRules.InspectorMaxLength);
        builder.Ignore(i => i.Counts);
        builder.HasOne(i => i.Subject).WithMany().HasForeignKey(i => i.SubjectId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(i => i.Grid).WithMany().HasForeignKey(i => i.GridId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(i => i.Findings).WithOne(f => f.Inspection).HasForeignKey(f => f.InspectionId).OnDelete(DeleteBehavior.Cascade);

        // One inspection per (subject, grid, month); a subject without grids has one per month.
        builder.HasIndex(i => new { i.SubjectId, i.GridId, i.Month }).IsUnique().HasFilter("[GridId] IS NOT NULL");
        builder.HasIndex(i => new { i.SubjectId, i.Month }).IsUnique().HasFilter("[GridId] IS NULL");
        // A town's months; it also covers the completeness counts (status, grid, subject), which the county dashboard
        // sums over every town's year (1.4 million rows at 30 towns) from the index alone.
        builder.HasIndex(i => new { i.TownId, i.Month, i.Status, i.GridId, i.SubjectId });
        builder.Property(i => i.SubmissionKey).HasMaxLength(Inspection.SubmissionKeyMaxLength);
        // A repeated post of the same form (an offline queue sent twice) is recognised by its key.
        builder.HasIndex(i => new { i.TownId, i.SubmissionKey }).IsUnique().HasFilter("[SubmissionKey] IS NOT NULL");
        builder.Property(i => i.ReturnReason).HasMaxLength(SignOffRules.ReasonMaxLength);
        builder.Property(i => i.ReturnedBy).HasMaxLength(256);
        // The office's review queue: returned and resubmitted inspections.
        builder.HasIndex(i => new { i.TownId, i.ReviewState });
    }
}

public sealed class FindingConfiguration : IEntityTypeConfiguration<Finding>
{
    public void Configure(EntityTypeBuilder<Finding> builder)
    {
        builder.Property(f => f.Description).HasMaxLength(FindingRules.DescriptionMaxLength);
        builder.Property(f => f.Parties).HasMaxLength(FindingRules.PartiesMaxLength);
        builder.HasIndex(f => new { f.TownId, f.Type, f.Status });
    }
}

public sealed class MonthLockConfiguration : IEntityTypeConfiguration<MonthLock>
{
    public void Configure(EntityTypeBuilder<MonthLock> builder)
    {
        builder.Property(m => m.LockedBy).HasMaxLength(256);
        builder.Property(m => m.UnlockedBy).HasMaxLength(256);
        builder.Property(m => m.UnlockReason).HasMaxLength(SignOffRules.ReasonMaxLength);
        builder.Ignore(m => m.IsInForce);
        builder.HasOne(m => m.Subject).WithMany().HasForeignKey(m => m.SubjectId).OnDelete(DeleteBehavior.Restrict);
        // One row per town-month (the town-wide lock) and one per subject-month (its approval); unlocking keeps the row.
        builder.HasIndex(m => new { m.TownId, m.Month }).IsUnique().HasFilter("[SubjectId] IS NULL");
        builder.HasIndex(m => new { m.TownId, m.SubjectId, m.Month }).IsUnique().HasFilter("[SubjectId] IS NOT NULL");
    }
}

public sealed class FindingPhotoConfiguration : IEntityTypeConfiguration<FindingPhoto>
{
    public void Configure(EntityTypeBuilder<FindingPhoto> builder)
    {
        builder.HasOne(p => p.Finding).WithMany(f => f.Photos).HasForeignKey(p => p.FindingId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(p => p.StoredName).HasMaxLength(64);
        builder.HasIndex(p => p.StoredName).IsUnique();
        builder.Property(p => p.ContentType).HasMaxLength(32);
        builder.Property(p => p.UploadedBy).HasMaxLength(256);
        builder.HasIndex(p => new { p.FindingId, p.Stage });
    }
}
