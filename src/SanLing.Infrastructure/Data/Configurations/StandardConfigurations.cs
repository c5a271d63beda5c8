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
        builder.HasIndex(r => new { r.TownId, r.Year }).IsUnique();
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
