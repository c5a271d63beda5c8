using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SanLing.Domain.Common;
using SanLing.Domain.Subjects;

namespace SanLing.Infrastructure.Data.Configurations;

public sealed class SubjectConfiguration : IEntityTypeConfiguration<Subject>
{
    public void Configure(EntityTypeBuilder<Subject> builder)
    {
        builder.Property(s => s.Code).HasMaxLength(SubjectRules.CodeMaxLength);
        builder.Property(s => s.Name).HasMaxLength(SubjectRules.NameMaxLength);
        builder.Property(s => s.PrincipalName).HasMaxLength(SubjectRules.PersonMaxLength);
        builder.Property(s => s.LeaderInChargeName).HasMaxLength(SubjectRules.PersonMaxLength);
        builder.Property(s => s.ContactPerson).HasMaxLength(SubjectRules.PersonMaxLength);
        builder.Property(s => s.Phone).HasMaxLength(SubjectRules.PhoneMaxLength);
        builder.Property(s => s.Address).HasMaxLength(SubjectRules.AddressMaxLength);
        builder.Ignore(s => s.Group);

        builder.HasOne<Town>().WithMany().HasForeignKey(s => s.TownId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(s => s.Territory).WithMany().HasForeignKey(s => s.TerritoryId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(s => new { s.TownId, s.Code }).IsUnique();
        builder.HasIndex(s => new { s.TownId, s.Kind });
        builder.HasIndex(s => s.Name);
    }
}
