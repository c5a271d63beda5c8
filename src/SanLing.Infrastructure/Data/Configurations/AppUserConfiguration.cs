using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SanLing.Domain.Common;
using SanLing.Domain.Subjects;
using SanLing.Infrastructure.Identity;

namespace SanLing.Infrastructure.Data.Configurations;

public sealed class AppUserConfiguration : IEntityTypeConfiguration<AppUser>
{
    public void Configure(EntityTypeBuilder<AppUser> builder)
    {
        builder.Property(u => u.DisplayName).HasMaxLength(50);
        builder.HasOne<Town>().WithMany().HasForeignKey(u => u.TownId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<County>().WithMany().HasForeignKey(u => u.CountyId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Subject>().WithMany().HasForeignKey(u => u.ScopeSubjectId).OnDelete(DeleteBehavior.Restrict);
    }
}
