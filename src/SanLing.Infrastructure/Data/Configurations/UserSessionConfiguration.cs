using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SanLing.Infrastructure.Identity;

namespace SanLing.Infrastructure.Data.Configurations;

public sealed class UserSessionConfiguration : IEntityTypeConfiguration<UserSession>
{
    public void Configure(EntityTypeBuilder<UserSession> builder)
    {
        builder.Property(s => s.Id).HasMaxLength(32);
        builder.Property(s => s.UserId).HasMaxLength(450);
        builder.Property(s => s.EndReason).HasMaxLength(20);
        builder.Property(s => s.ClientAddress).HasMaxLength(64);
        builder.Property(s => s.UserAgent).HasMaxLength(256);
        builder.HasOne<AppUser>().WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(s => new { s.UserId, s.EndedAt });
        builder.Ignore(s => s.IsOpen);
    }
}
