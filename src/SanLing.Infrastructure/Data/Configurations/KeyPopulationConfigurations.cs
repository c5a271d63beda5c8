using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SanLing.Domain.KeyPopulations;

namespace SanLing.Infrastructure.Data.Configurations;

public sealed class KeyPersonConfiguration : IEntityTypeConfiguration<KeyPerson>
{
    public void Configure(EntityTypeBuilder<KeyPerson> builder)
    {
        builder.Property(k => k.Number).HasMaxLength(KeyPersonRules.NumberMaxLength);
        builder.Property(k => k.Name).HasMaxLength(KeyPersonRules.NameMaxLength);
        builder.Property(k => k.IdNumberCipher).HasMaxLength(512);
        builder.Property(k => k.IdNumberHash).HasMaxLength(64);
        builder.Property(k => k.IdNumberMasked).HasMaxLength(18);
        builder.Property(k => k.AssistancePlan).HasMaxLength(KeyPersonRules.PlanMaxLength);
        builder.Property(k => k.HelperName).HasMaxLength(KeyPersonRules.HelperMaxLength);
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
        builder.Property(f => f.VisitedBy).HasMaxLength(KeyPersonRules.HelperMaxLength);
        builder.Property(f => f.Note).HasMaxLength(KeyPersonRules.NoteMaxLength);
        builder.HasIndex(f => new { f.KeyPersonId, f.VisitedOn });
    }
}

public sealed class RentalHouseConfiguration : IEntityTypeConfiguration<RentalHouse>
{
    public void Configure(EntityTypeBuilder<RentalHouse> builder)
    {
        builder.Property(r => r.Number).HasMaxLength(RentalHouseRules.NumberMaxLength);
        builder.Property(r => r.Address).HasMaxLength(RentalHouseRules.AddressMaxLength);
        builder.Property(r => r.Landlord).HasMaxLength(RentalHouseRules.LandlordMaxLength);
        builder.HasOne(r => r.Subject).WithMany().HasForeignKey(r => r.SubjectId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(r => new { r.TownId, r.Number }).IsUnique();
        builder.HasIndex(r => r.SubjectId);
    }
}
