using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SanLing.Domain.KeyPopulations;

namespace SanLing.Infrastructure.Data.Configurations;

public sealed class KeyPersonConfiguration : IEntityTypeConfiguration<KeyPerson>
{
    public void Configure(EntityTypeBuilder<KeyPerson> builder)
    {
        builder.Property(k => k.Number).HasMaxLength(40);
        builder.Property(k => k.Name).HasMaxLength(50);
        builder.Property(k => k.IdNumberCipher).HasMaxLength(512);
        builder.Property(k => k.IdNumberHash).HasMaxLength(64);
        builder.Property(k => k.IdNumberMasked).HasMaxLength(18);
        builder.Property(k => k.AssistancePlan).HasMaxLength(2000);
        builder.Property(k => k.HelperName).HasMaxLength(50);
        builder.HasOne(k => k.Subject).WithMany().HasForeignKey(k => k.SubjectId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(k => k.FollowUps).WithOne(f => f.KeyPerson).HasForeignKey(f => f.KeyPersonId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(k => new { k.TownId, k.Number }).IsUnique();
        builder.HasIndex(k => new { k.TownId, k.IdNumberHash });
        builder.HasIndex(k => k.SubjectId);
    }
}

public sealed class FollowUpConfiguration : IEntityTypeConfiguration<FollowUp>
{
    public void Configure(EntityTypeBuilder<FollowUp> builder)
    {
        builder.Property(f => f.VisitedBy).HasMaxLength(50);
        builder.Property(f => f.Note).HasMaxLength(1000);
        builder.HasIndex(f => new { f.KeyPersonId, f.VisitedOn });
    }
}

public sealed class RentalHouseConfiguration : IEntityTypeConfiguration<RentalHouse>
{
    public void Configure(EntityTypeBuilder<RentalHouse> builder)
    {
        builder.Property(r => r.Number).HasMaxLength(40);
        builder.Property(r => r.Address).HasMaxLength(200);
        builder.Property(r => r.Landlord).HasMaxLength(50);
        builder.HasOne(r => r.Subject).WithMany().HasForeignKey(r => r.SubjectId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(r => new { r.TownId, r.Number }).IsUnique();
        builder.HasIndex(r => r.SubjectId);
    }
}
