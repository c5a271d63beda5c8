using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SanLing.Domain.Standards;

namespace SanLing.Infrastructure.Data.Configurations;

public sealed class RuleSetConfiguration : IEntityTypeConfiguration<RuleSet>
{
    public void Configure(EntityTypeBuilder<RuleSet> builder)
    {
        builder.Property(r => r.Name).HasMaxLength(100);
        builder.Property(r => r.VillageCommunityTarget).HasPrecision(5, 4);
        builder.Property(r => r.EnterpriseUnitTarget).HasPrecision(5, 4);
        builder.HasMany(r => r.Items).WithOne().HasForeignKey(i => i.RuleSetId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<RuleSet>().WithMany().HasForeignKey(r => r.DerivedFromId).OnDelete(DeleteBehavior.Restrict);
        // One own set per town and year, and one copy per county set; a county copy and the town's variant may share a year.
        builder.HasIndex(r => new { r.TownId, r.Year }).IsUnique().HasFilter("[CountyRuleSetId] IS NULL");
        builder.HasIndex(r => new { r.TownId, r.CountyRuleSetId }).IsUnique();
        builder.HasOne<CountyRuleSet>().WithMany().HasForeignKey(r => r.CountyRuleSetId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class CountyRuleSetConfiguration : IEntityTypeConfiguration<CountyRuleSet>
{
    public void Configure(EntityTypeBuilder<CountyRuleSet> builder)
    {
        builder.Property(r => r.Name).HasMaxLength(100);
        builder.Property(r => r.PublishedBy).HasMaxLength(256);
        builder.Property(r => r.VillageCommunityTarget).HasPrecision(5, 4);
        builder.Property(r => r.EnterpriseUnitTarget).HasPrecision(5, 4);
        builder.Property(r => r.Version).IsConcurrencyToken();
        builder.HasMany(r => r.Items).WithOne().HasForeignKey(i => i.CountyRuleSetId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<CountyRuleSet>().WithMany().HasForeignKey(r => r.DerivedFromId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Domain.Common.County>().WithMany().HasForeignKey(r => r.CountyId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(r => r.RevisionReason).HasMaxLength(CountyRuleSet.RevisionReasonMaxLength);
        builder.HasOne<CountyRuleSet>().WithMany().HasForeignKey(r => r.SupersedesId).OnDelete(DeleteBehavior.Restrict);
        // A year's set and its revisions: one row per revision (two revisions made at once: one of them fails here).
        builder.HasIndex(r => new { r.CountyId, r.Year, r.Revision }).IsUnique();
    }
}

public sealed class CountyRuleSetItemConfiguration : IEntityTypeConfiguration<CountyRuleSetItem>
{
    public void Configure(EntityTypeBuilder<CountyRuleSetItem> builder)
    {
        builder.Property(i => i.Code).HasMaxLength(8);
        builder.Property(i => i.Title).HasMaxLength(100);
        builder.HasIndex(i => new { i.CountyRuleSetId, i.Code }).IsUnique();
    }
}

public sealed class RuleSetItemConfiguration : IEntityTypeConfiguration<RuleSetItem>
{
    public void Configure(EntityTypeBuilder<RuleSetItem> builder)
    {
        builder.Property(i => i.Code).HasMaxLength(8);
        builder.Property(i => i.Title).HasMaxLength(100);
        builder.HasIndex(i => new { i.RuleSetId, i.Code }).IsUnique();
    }
}

public sealed class AttestationConfiguration : IEntityTypeConfiguration<Attestation>
{
    public void Configure(EntityTypeBuilder<Attestation> builder)
    {
        builder.Property(a => a.ItemCode).HasMaxLength(AttestationRules.ItemCodeMaxLength);
        builder.Property(a => a.Note).HasMaxLength(AttestationRules.NoteMaxLength);
        builder.Property(a => a.EvidenceFileName).HasMaxLength(200);
        builder.Property(a => a.EvidenceStoredName).HasMaxLength(100);
        builder.Property(a => a.EvidenceContentType).HasMaxLength(100);
        builder.HasOne(a => a.Subject).WithMany().HasForeignKey(a => a.SubjectId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(a => new { a.SubjectId, a.Year, a.ItemCode }).IsUnique();
        builder.HasIndex(a => new { a.TownId, a.Year });
    }
}
