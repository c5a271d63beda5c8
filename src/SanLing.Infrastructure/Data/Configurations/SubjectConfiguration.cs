using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SanLing.Domain.Common;
using SanLing.Domain.Subjects;

namespace SanLing.Infrastructure.Data.Configurations;

public sealed class SubjectConfiguration : IEntityTypeConfiguration<Subject>
{
    public void Configure(EntityTypeBuilder<Subject> builder)
    {
        builder.Property(s => s.Code).HasMaxLength(32);
        builder.Property(s => s.Name).HasMaxLength(100);
        builder.Property(s => s.PrincipalName).HasMaxLength(50);
        builder.Property(s => s.LeaderInChargeName).HasMaxLength(50);
        builder.Property(s => s.ContactPerson).HasMaxLength(50);
        builder.Property(s => s.Phone).HasMaxLength(30);
        builder.Property(s => s.Address).HasMaxLength(200);
        builder.Ignore(s => s.Group);

        builder.HasOne<Town>().WithMany().HasForeignKey(s => s.TownId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(s => s.Territory).WithMany().HasForeignKey(s => s.TerritoryId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(s => new { s.TownId, s.Code }).IsUnique();
        builder.HasIndex(s => new { s.TownId, s.Kind });
        builder.HasIndex(s => s.Name);
    }
}
